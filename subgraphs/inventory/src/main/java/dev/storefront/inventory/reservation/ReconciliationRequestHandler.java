package dev.storefront.inventory.reservation;

import dev.storefront.events.inventory.ReservationStatusReported;
import dev.storefront.events.orders.OrderReconciliationRequested;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * OrderReconciliationRequested → the order's reservation as it stands (ReservationStatusReported).
 */
@Component
public class ReconciliationRequestHandler implements EventHandler<OrderReconciliationRequested> {

  private final StockReservations reservations;
  private final Outbox outbox;

  public ReconciliationRequestHandler(StockReservations reservations, Outbox outbox) {
    this.reservations = reservations;
    this.outbox = outbox;
  }

  @Override
  public Class<OrderReconciliationRequested> eventType() {
    return OrderReconciliationRequested.class;
  }

  @Override
  public Mono<Void> handle(OrderReconciliationRequested request) {
    return reservations
        .reportedStatus(request.orderId())
        .flatMap(status -> outbox.record(new ReservationStatusReported(request.orderId(), status)));
  }
}
