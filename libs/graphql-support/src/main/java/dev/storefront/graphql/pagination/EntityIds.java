package dev.storefront.graphql.pagination;

import java.util.Optional;

/**
 * Entity ids are numbers inside a subgraph and opaque strings (GraphQL ID) outside. An id that is
 * not a number cannot name anything, so lookups treat it as "not found" rather than as an error.
 */
public final class EntityIds {

  private EntityIds() {}

  public static Optional<Long> parse(Object id) {
    if (id == null) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(id.toString());
      return value > 0 ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
