package dev.storefront.orders.saga;

import dev.storefront.events.inventory.StockReservationRejected;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** StockReservationRejected → REJECTED, naming the products that were short. */
@Component
public class StockReservationRejectedHandler implements EventHandler<StockReservationRejected> {

  private final CheckoutSaga saga;

  public StockReservationRejectedHandler(CheckoutSaga saga) {
    this.saga = saga;
  }

  @Override
  public Class<StockReservationRejected> eventType() {
    return StockReservationRejected.class;
  }

  @Override
  public Mono<Void> handle(StockReservationRejected event) {
    return saga.stockRejected(event.orderId(), reason(event));
  }

  static String reason(StockReservationRejected event) {
    StringBuilder reason = new StringBuilder("not enough stock:");
    if (event.shortages() != null) {
      for (StockReservationRejected.Shortage s : event.shortages()) {
        reason
            .append(" product ")
            .append(s.productId())
            .append(" (")
            .append(s.requested())
            .append(" requested, ")
            .append(s.available())
            .append(" available)");
      }
    }
    return reason.toString();
  }
}
