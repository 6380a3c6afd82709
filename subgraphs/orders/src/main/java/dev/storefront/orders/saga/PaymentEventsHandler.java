package dev.storefront.orders.saga;

import dev.storefront.messaging.Event;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.orders.order.OrderStatus;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The checkout saga's payment steps: PaymentAuthorized → AUTHORIZED, PaymentFailed → PAYMENT_FAILED
 * (inventory releases the stock on the same event). Payments acts only after StockReserved, so an
 * order still PENDING here passes through RESERVED first: the inventory stream is merely read
 * later.
 */
@Component
public class PaymentEventsHandler implements EventHandler {

  private final OrderTransitions transitions;

  public PaymentEventsHandler(OrderTransitions transitions) {
    this.transitions = transitions;
  }

  @Override
  public String source() {
    return "payments";
  }

  @Override
  public Set<String> eventTypes() {
    return Set.of("PaymentAuthorized", "PaymentFailed");
  }

  @Override
  public Mono<Void> handle(Event event) {
    UUID orderId = UUID.fromString(event.aggregateId());
    Mono<String> reserved =
        transitions.move(orderId, Set.of(OrderStatus.PENDING), OrderStatus.RESERVED, null);
    if ("PaymentAuthorized".equals(event.type())) {
      return reserved
          .then(
              transitions.move(orderId, Set.of(OrderStatus.RESERVED), OrderStatus.AUTHORIZED, null))
          .then();
    }
    String reason = "payment failed: " + event.payload().path("reason").asString("unknown");
    return reserved
        .then(
            transitions.move(
                orderId, Set.of(OrderStatus.RESERVED), OrderStatus.PAYMENT_FAILED, reason))
        .then();
  }
}
