package dev.storefront.orders.saga;

import static dev.storefront.orders.order.OrderStatus.AUTHORIZED;
import static dev.storefront.orders.order.OrderStatus.PAYMENT_FAILED;
import static dev.storefront.orders.order.OrderStatus.PENDING;
import static dev.storefront.orders.order.OrderStatus.REJECTED;
import static dev.storefront.orders.order.OrderStatus.RESERVED;

import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What each answer of inventory and payments does to an order, whether it came as the step's own
 * event or as a report on a reconciliation request. Inventory's and payments' events travel on
 * different topics and may be read in either order: a payment outcome implies the reservation and a
 * commit implies the authorisation, so an order passes through the steps it missed.
 */
@Component
public class CheckoutSaga {

  private final OrderTransitions transitions;

  public CheckoutSaga(OrderTransitions transitions) {
    this.transitions = transitions;
  }

  /** PENDING → RESERVED. */
  public Mono<Void> stockReserved(UUID orderId) {
    return transitions.move(orderId, Set.of(PENDING), RESERVED, null).then();
  }

  /** PENDING → REJECTED. */
  public Mono<Void> stockRejected(UUID orderId, String reason) {
    return transitions.move(orderId, Set.of(PENDING), REJECTED, reason).then();
  }

  /** → AUTHORIZED, through RESERVED. */
  public Mono<Void> paymentAuthorized(UUID orderId) {
    return stockReserved(orderId)
        .then(transitions.move(orderId, Set.of(RESERVED), AUTHORIZED, null))
        .then();
  }

  /** → PAYMENT_FAILED, through RESERVED; inventory releases the stock on the same event. */
  public Mono<Void> paymentFailed(UUID orderId, String reason) {
    return stockReserved(orderId)
        .then(
            transitions.move(
                orderId,
                Set.of(RESERVED),
                PAYMENT_FAILED,
                "payment failed: " + (reason == null ? "unknown" : reason)))
        .then();
  }

  /** → CONFIRMED, through RESERVED and AUTHORIZED: the stock left the warehouse, it was paid. */
  public Mono<Void> stockCommitted(UUID orderId) {
    return stockReserved(orderId)
        .then(transitions.move(orderId, Set.of(RESERVED), AUTHORIZED, "payment authorised"))
        .then(transitions.confirm(orderId));
  }

  /**
   * The stock is no longer held for an order that is not paid yet: it cannot be confirmed, so it is
   * cancelled (and its payment stopped). An AUTHORIZED order keeps its status: inventory commits a
   * paid order's units even after its hold ran out, or dead-letters the authorisation for a person
   * when they are gone.
   */
  public Mono<Void> stockReleased(UUID orderId, String why) {
    return transitions.cancel(orderId, Set.of(PENDING, RESERVED), "stock released: " + why).then();
  }
}
