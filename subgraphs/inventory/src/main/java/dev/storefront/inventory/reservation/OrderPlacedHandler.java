package dev.storefront.inventory.reservation;

import dev.storefront.events.orders.OrderPlaced;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.messaging.consumer.PoisonEventException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * OrderPlaced → hold the order's units (StockReserved) or turn it down (StockReservationRejected).
 */
@Component
public class OrderPlacedHandler implements EventHandler<OrderPlaced> {

  private final StockReservations reservations;
  private final ReservationSettings settings;
  private final Clock clock;

  public OrderPlacedHandler(
      StockReservations reservations, ReservationSettings settings, Clock clock) {
    this.reservations = reservations;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Class<OrderPlaced> eventType() {
    return OrderPlaced.class;
  }

  @Override
  public Mono<Void> handle(OrderPlaced order) {
    List<ReservationLine> lines = new ArrayList<>();
    for (OrderPlaced.Item item :
        order.items() == null ? List.<OrderPlaced.Item>of() : order.items()) {
      if (item == null || item.productId() <= 0 || item.quantity() <= 0) {
        throw new PoisonEventException(
            "OrderPlaced " + order.orderId() + " has a bad item " + item);
      }
      lines.add(new ReservationLine(item.productId(), item.quantity()));
    }
    if (lines.isEmpty()) {
      throw new PoisonEventException("OrderPlaced " + order.orderId() + " has no items");
    }
    if (order.total() == null) {
      throw new PoisonEventException("OrderPlaced " + order.orderId() + " has no total");
    }
    return reservations
        .reserve(
            order.orderId(),
            order.userId(),
            lines,
            order.total(),
            clock.instant().plus(settings.ttl()))
        .then();
  }
}
