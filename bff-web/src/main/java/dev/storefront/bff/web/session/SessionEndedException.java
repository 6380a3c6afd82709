package dev.storefront.bff.web.session;

/**
 * The request needs a session and has none, or its session just ended (a refresh was refused): 401,
 * and the cookie is cleared.
 */
public class SessionEndedException extends RuntimeException {

  public SessionEndedException(String message) {
    super(message, null, false, false);
  }
}
