package dev.storefront.registry.access;

import java.util.List;

/**
 * Someone the registry knows: a subgraph, a client (BFF), the router or an administrator. Only the
 * SHA-256 of its bearer token is kept, so the principals file is not itself a credential.
 *
 * @param routingUrls for a subgraph, the only URLs it may publish as its routing URL
 */
public record Principal(String name, Role role, String tokenSha256, List<String> routingUrls) {

  public Principal {
    routingUrls = routingUrls == null ? List.of() : List.copyOf(routingUrls);
  }

  public boolean is(Role role) {
    return this.role == role;
  }
}
