package dev.storefront.bff.router;

/**
 * Who a router call is made for.
 *
 * @param bearerToken the caller's access token, sent as {@code Authorization: Bearer …}; null for
 *     an anonymous call
 * @param clientAddress the caller's address, sent as {@code X-Forwarded-For} (the router trusts
 *     loopback proxies and rate-limits per client address); null when unknown
 */
public record RouterCall(String bearerToken, String clientAddress) {

  private static final RouterCall ANONYMOUS = new RouterCall(null, null);

  public static RouterCall anonymous() {
    return ANONYMOUS;
  }

  /** An anonymous call on behalf of a client address. */
  public static RouterCall anonymous(String clientAddress) {
    return new RouterCall(null, clientAddress);
  }

  public boolean authenticated() {
    return bearerToken != null && !bearerToken.isBlank();
  }

  @Override
  public String toString() {
    return "RouterCall[bearerToken="
        + (bearerToken == null ? "null" : "***")
        + ", clientAddress="
        + clientAddress
        + "]";
  }
}
