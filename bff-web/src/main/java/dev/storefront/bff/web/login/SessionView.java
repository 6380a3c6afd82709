package dev.storefront.bff.web.login;

import dev.storefront.bff.web.session.Session;

/**
 * What the browser learns about its session: who is signed in and the CSRF token to send with every
 * state-changing request. Never a token.
 */
public record SessionView(User user, String csrfToken) {

  public record User(String id, String displayName) {}

  public static SessionView of(Session session) {
    return new SessionView(new User(session.userId(), session.displayName()), session.csrfToken());
  }
}
