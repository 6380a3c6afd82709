package dev.storefront.orders.order;

import java.util.Optional;
import java.util.UUID;

/** Order ids are UUIDs; anything else names no order. */
public final class OrderIds {

  private OrderIds() {}

  public static Optional<UUID> parse(String id) {
    try {
      return id == null || id.length() != 36 ? Optional.empty() : Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
