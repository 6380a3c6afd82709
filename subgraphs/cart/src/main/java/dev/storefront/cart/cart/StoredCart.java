package dev.storefront.cart.cart;

import java.time.OffsetDateTime;
import java.util.List;

/** A cart as stored (PostgreSQL, and its copy in Redis): lines without prices. */
public record StoredCart(String userId, long version, OffsetDateTime updatedAt, List<Line> items) {

  public record Line(long productId, int quantity) {}

  public static StoredCart empty(String userId) {
    return new StoredCart(userId, 0, null, List.of());
  }

  public int totalQuantity() {
    return items.stream().mapToInt(Line::quantity).sum();
  }
}
