package dev.storefront.registry.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** What a principal is for; the principals file spells roles in lower case. */
public enum Role {
  /** Publishes and checks its own schema, with a routing URL from its own allow-list. */
  SUBGRAPH,
  /** Registers and replaces its own persisted operation manifests. */
  CLIENT,
  /** Reads the supergraph and persisted documents. */
  ROUTER,
  /** Rolls back, retires manifests, reads everything. */
  ADMIN;

  @JsonCreator
  public static Role of(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "role must be subgraph, client, router or admin (got '" + name + "')");
    }
  }
}
