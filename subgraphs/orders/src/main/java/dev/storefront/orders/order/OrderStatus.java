package dev.storefront.orders.order;

import java.util.EnumSet;
import java.util.Set;

public enum OrderStatus {
  PENDING,
  RESERVED,
  AUTHORIZED,
  CONFIRMED,
  PAYMENT_FAILED,
  REJECTED,
  CANCELLED;

  static final Set<OrderStatus> FINAL = EnumSet.of(CONFIRMED, PAYMENT_FAILED, REJECTED, CANCELLED);

  public boolean isFinal() {
    return FINAL.contains(this);
  }

  /** A final status reached because something went wrong: the order keeps the reason. */
  public boolean isFailure() {
    return this == PAYMENT_FAILED || this == REJECTED || this == CANCELLED;
  }
}
