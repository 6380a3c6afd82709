package dev.storefront.bff.router;

/**
 * The router did not answer with GraphQL: unreachable, too slow, or a 5xx without a GraphQL body.
 * The BFF answers 503 (or serves a cached copy).
 */
public class RouterUnavailableException extends RuntimeException {

  public RouterUnavailableException(String message) {
    super(message);
  }

  public RouterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
