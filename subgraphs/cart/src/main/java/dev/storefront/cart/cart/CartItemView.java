package dev.storefront.cart.cart;

import java.util.Map;

/** A cart line as the schema shows it; prices come through the price DataLoader. */
public record CartItemView(long productId, int quantity) {

  public Map<String, Object> product() {
    return Map.of("id", String.valueOf(productId));
  }
}
