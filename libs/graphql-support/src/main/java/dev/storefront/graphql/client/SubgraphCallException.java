package dev.storefront.graphql.client;

/** Another subgraph could not be read; the caller's request fails as an internal error. */
public class SubgraphCallException extends RuntimeException {

  public SubgraphCallException(String message) {
    super(message);
  }

  public SubgraphCallException(String message, Throwable cause) {
    super(message, cause);
  }
}
