package dev.storefront.orders.order;

import dev.storefront.graphql.money.Money;
import java.util.Map;

public record OrderItem(
    String orderId, Map<String, Object> product, int quantity, Money unitPrice) {

  public static OrderItem of(String orderId, long productId, int quantity, Money unitPrice) {
    return new OrderItem(orderId, Map.of("id", String.valueOf(productId)), quantity, unitPrice);
  }

  public Money lineTotal() {
    return unitPrice.times(quantity);
  }
}
