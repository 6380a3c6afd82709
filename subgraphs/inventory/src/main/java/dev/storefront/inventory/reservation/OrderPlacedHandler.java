package dev.storefront.inventory.reservation;

import dev.storefront.messaging.Event;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.messaging.consumer.PoisonEventException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * OrderPlaced → hold the order's units (StockReserved) or turn it down (StockReservationRejected).
 */
@Component
public class OrderPlacedHandler implements EventHandler {

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
  public String source() {
    return "orders";
  }

  @Override
  public Set<String> eventTypes() {
    return Set.of("OrderPlaced");
  }

  @Override
  public Mono<Void> handle(Event event) {
    JsonNode order = event.payload();
    List<ReservationLine> lines = new ArrayList<>();
    for (JsonNode item : order.path("items")) {
      long productId = Long.parseLong(item.path("productId").asString("0"));
      int quantity = item.path("quantity").asInt(0);
      if (productId <= 0 || quantity <= 0) {
        throw new PoisonEventException(
            "OrderPlaced " + event.aggregateId() + " has a bad item " + item);
      }
      lines.add(new ReservationLine(productId, quantity));
    }
    if (lines.isEmpty()) {
      throw new PoisonEventException("OrderPlaced " + event.aggregateId() + " has no items");
    }
    return reservations
        .reserve(
            UUID.fromString(event.aggregateId()),
            order.path("userId").asString(),
            lines,
            order.path("total"),
            clock.instant().plus(settings.ttl()))
        .then();
  }
}
