package dev.storefront.events;

import dev.storefront.events.inventory.ReservationStatusReported;
import dev.storefront.events.inventory.StockCommitted;
import dev.storefront.events.inventory.StockReleased;
import dev.storefront.events.inventory.StockReservationRejected;
import dev.storefront.events.inventory.StockReserved;
import dev.storefront.events.orders.OrderCancelled;
import dev.storefront.events.orders.OrderConfirmed;
import dev.storefront.events.orders.OrderPlaced;
import dev.storefront.events.orders.OrderReconciliationRequested;
import dev.storefront.events.orders.OrderStatusChanged;
import dev.storefront.events.payments.PaymentAuthorized;
import dev.storefront.events.payments.PaymentFailed;
import dev.storefront.events.payments.PaymentStatusReported;
import dev.storefront.events.payments.PaymentVoided;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One event of every type, with the values the fixtures under {@code previous/} and {@code
 * current/} hold, so a fixture read must equal its sample.
 */
final class SampleEvents {

  static final UUID ORDER = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  static final UUID PAYMENT = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  static final Amount TOTAL = new Amount("39.98", "EUR");

  static final Map<Class<? extends IntegrationEvent>, IntegrationEvent> BY_TYPE =
      Map.ofEntries(
          sample(
              new OrderPlaced(
                  ORDER, "user-1", List.of(new OrderPlaced.Item(9961, 2, "19.99")), TOTAL)),
          sample(new OrderStatusChanged(ORDER, "user-1", "PAYMENT_FAILED", "DECLINED")),
          sample(
              new OrderConfirmed(ORDER, "user-1", List.of(new OrderConfirmed.Item(9961, 2)), null)),
          sample(new OrderCancelled(ORDER, "user-1", "RESERVATION_EXPIRED")),
          sample(new OrderReconciliationRequested(ORDER, "RESERVED")),
          sample(new StockReserved(ORDER, "user-1", TOTAL, Instant.parse("2026-12-01T10:15:30Z"))),
          sample(
              new StockReservationRejected(
                  ORDER,
                  "INSUFFICIENT_STOCK",
                  List.of(new StockReservationRejected.Shortage(9961, 3, 1)))),
          sample(new StockCommitted(ORDER, false)),
          sample(new StockReleased(ORDER, StockReleased.PAYMENT_FAILED)),
          sample(new ReservationStatusReported(ORDER, ReservationStatusReported.RESERVED)),
          sample(new PaymentAuthorized(ORDER, PAYMENT, "pi_123", TOTAL)),
          sample(new PaymentFailed(ORDER, PAYMENT, "DECLINED")),
          sample(new PaymentVoided(ORDER, PAYMENT, "ORDER_CANCELLED")),
          sample(new PaymentStatusReported(ORDER, PaymentStatusReported.FAILED, "DECLINED")));

  private SampleEvents() {}

  private static Map.Entry<Class<? extends IntegrationEvent>, IntegrationEvent> sample(
      IntegrationEvent event) {
    return Map.entry(event.getClass(), event);
  }
}
