package dev.storefront.graphql.identity;

import graphql.schema.DataFetchingEnvironment;
import java.util.Optional;

/**
 * The address of the client behind the router, as the router states it in {@value #HEADER} (it
 * resolves X-Forwarded-For from its trusted proxies and drops any client-sent copy). For limits per
 * client address, such as failed sign-ins.
 */
public final class ClientAddress {

  public static final String HEADER = "X-Client-Ip";
  static final String CONTEXT_KEY = "storefront.clientAddress";
  private static final int MAX_LENGTH = 64;

  private ClientAddress() {}

  /** The client's address; empty when the request did not come through the router with one. */
  public static Optional<String> of(DataFetchingEnvironment env) {
    String address = env.getGraphQlContext().get(CONTEXT_KEY);
    if (address == null || address.isBlank() || address.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    if (!address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      return Optional.empty();
    }
    return Optional.of(address);
  }
}
