package dev.storefront.orders.order;

import java.util.Set;

public enum OrderStatus {
  PENDING,
  RESERVED,
  AUTHORIZED,
  CONFIRMED,
  PAYMENT_FAILED,
  REJECTED;

  static final Set<OrderStatus> FINAL = Set.of(CONFIRMED, PAYMENT_FAILED, REJECTED);

  public boolean isFinal() {
    return FINAL.contains(this);
  }
}
