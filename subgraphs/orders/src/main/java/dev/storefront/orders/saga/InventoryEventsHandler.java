package dev.storefront.orders.saga;

import dev.storefront.messaging.Event;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.orders.order.OrderStatus;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The checkout saga's inventory steps: StockReserved → RESERVED, StockReservationRejected →
 * REJECTED, StockCommitted (sent once the payment was authorised) → CONFIRMED.
 */
@Component
public class InventoryEventsHandler implements EventHandler {

  private final OrderTransitions transitions;

  public InventoryEventsHandler(OrderTransitions transitions) {
    this.transitions = transitions;
  }

  @Override
  public String source() {
    return "inventory";
  }

  @Override
  public Set<String> eventTypes() {
    return Set.of("StockReserved", "StockReservationRejected", "StockCommitted");
  }

  @Override
  public Mono<Void> handle(Event event) {
    UUID orderId = UUID.fromString(event.aggregateId());
    return switch (event.type()) {
      case "StockReserved" ->
          transitions.move(orderId, Set.of(OrderStatus.PENDING), OrderStatus.RESERVED, null).then();
      case "StockReservationRejected" ->
          transitions
              .move(orderId, Set.of(OrderStatus.PENDING), OrderStatus.REJECTED, shortage(event))
              .then();
      // The payment events come on another stream and may be read later: a commit implies the
      // authorisation, so an order still RESERVED passes through AUTHORIZED first.
      default ->
          transitions
              .move(
                  orderId,
                  Set.of(OrderStatus.RESERVED),
                  OrderStatus.AUTHORIZED,
                  "payment authorised")
              .then(transitions.confirm(orderId));
    };
  }

  private static String shortage(Event event) {
    StringBuilder reason = new StringBuilder("not enough stock:");
    for (JsonNode s : event.payload().path("shortages")) {
      reason
          .append(" product ")
          .append(s.path("productId").asString())
          .append(" (")
          .append(s.path("requested").asInt())
          .append(" requested, ")
          .append(s.path("available").asInt())
          .append(" available)");
    }
    return reason.toString();
  }
}
