package dev.storefront.bff.web.session;

/**
 * The request needs a session and has none, or its session just ended (a refresh was refused): 401,
 * and the cookie is cleared.
 */
public class SessionEndedException extends RuntimeException {

  public SessionEndedException(String message) {
    super(message, null, false, false);
  }

  /** The request's session existed once and has ended (expired, signed out, refresh refused). */
  public static SessionEndedException ended() {
    return new SessionEndedException("Your session has ended; sign in again.");
  }
}
