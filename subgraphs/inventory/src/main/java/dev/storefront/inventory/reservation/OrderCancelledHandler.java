package dev.storefront.inventory.reservation;

import dev.storefront.events.orders.OrderCancelled;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** OrderCancelled → whatever is held or taken for the order goes back to stock. */
@Component
public class OrderCancelledHandler implements EventHandler<OrderCancelled> {

  private final StockReservations reservations;

  public OrderCancelledHandler(StockReservations reservations) {
    this.reservations = reservations;
  }

  @Override
  public Class<OrderCancelled> eventType() {
    return OrderCancelled.class;
  }

  @Override
  public Mono<Void> handle(OrderCancelled event) {
    return reservations.cancel(event.orderId());
  }
}
