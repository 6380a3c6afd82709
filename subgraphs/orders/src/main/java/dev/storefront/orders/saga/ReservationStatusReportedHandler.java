package dev.storefront.orders.saga;

import dev.storefront.events.inventory.ReservationStatusReported;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Inventory's answer about a stalled order: the step's event may have been lost or parked, so the
 * reservation's state is taken as if its event had arrived. NONE: nothing (the deadline acts).
 */
@Component
public class ReservationStatusReportedHandler implements EventHandler<ReservationStatusReported> {

  private final CheckoutSaga saga;

  public ReservationStatusReportedHandler(CheckoutSaga saga) {
    this.saga = saga;
  }

  @Override
  public Class<ReservationStatusReported> eventType() {
    return ReservationStatusReported.class;
  }

  @Override
  public Mono<Void> handle(ReservationStatusReported report) {
    return switch (report.status() == null ? "" : report.status()) {
      case ReservationStatusReported.RESERVED -> saga.stockReserved(report.orderId());
      case ReservationStatusReported.COMMITTED -> saga.stockCommitted(report.orderId());
      case ReservationStatusReported.RELEASED -> saga.stockReleased(report.orderId(), "RELEASED");
      default -> Mono.empty();
    };
  }
}
