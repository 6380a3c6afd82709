package dev.storefront.orders.order;

import dev.storefront.graphql.money.Money;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** Named Order because DGS resolves federation entities by class name. */
public record Order(
    String id,
    String userId,
    OrderStatus status,
    Money total,
    Address shippingAddress,
    String failureReason,
    OffsetDateTime createdAt) {

  public BigDecimal totalAmount() {
    return total.decimalAmount();
  }
}
