package dev.storefront.orders.saga;

import dev.storefront.messaging.PollingLoop;
import dev.storefront.orders.order.OrderStatus;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * No order stays under way for ever: one that has not moved for {@code reconcile-after} is asked
 * about (OrderReconciliationRequested: inventory and payments report what they know, and the answer
 * moves it as the lost event would have); one still waiting after its status's deadline is
 * cancelled (OrderCancelled: inventory and payments undo their part). Each order is handled in a
 * transaction of its own that locks it first, skipping orders another replica holds.
 */
@Component
public class SagaDeadlines extends PollingLoop {

  private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

  private final OrderTransitions transitions;
  private final TransactionalOperator tx;
  private final SagaSettings settings;

  public SagaDeadlines(
      OrderTransitions transitions, TransactionalOperator tx, SagaSettings settings) {
    super(
        "saga deadlines",
        settings.checkInterval(),
        settings.checkInterval(),
        settings.checkInterval());
    this.transitions = transitions;
    this.tx = tx;
    this.settings = settings;
  }

  /** Acts on one batch of stalled orders; how many it acted on. */
  @Override
  public Mono<Integer> step() {
    return transitions
        .stalled(settings)
        .concatMap(orderId -> tx.transactional(act(orderId)))
        .filter(Boolean::booleanValue)
        .count()
        .map(Long::intValue);
  }

  private Mono<Boolean> act(UUID orderId) {
    return transitions
        .lockStalled(orderId, settings)
        .flatMap(order -> {
          if (order.overdue()) {
            String reason = reasonFor(order.status());
            log.info("order {} cancelled: {}", orderId, reason);
            return transitions.cancel(orderId, Set.of(order.status()), reason);
          }
          if (order.askDue()) {
            return transitions.requestReconciliation(orderId, order.status()).thenReturn(true);
          }
          return Mono.just(false);
        })
        .defaultIfEmpty(false);
  }

  private String reasonFor(OrderStatus status) {
    return switch (status) {
      case PENDING -> "no stock answer within " + brief(settings.pendingDeadline());
      case RESERVED -> "no payment outcome within " + brief(settings.reservedDeadline());
      case AUTHORIZED -> "stock not committed within " + brief(settings.authorizedDeadline());
      default -> throw new IllegalArgumentException(status + " has no deadline");
    };
  }

  /** 2m, 90s, 500ms: as the settings are written. */
  static String brief(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}
