package dev.storefront.orders.saga;

import dev.storefront.messaging.AfterCommit;
import dev.storefront.orders.order.OrderStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How long checkouts take from placed to final, by outcome: the histogram behind the checkout
 * latency alert and the saga dashboard (storefront_checkout_completion_seconds).
 */
@Component
public class CheckoutCompletions {

  private final MeterRegistry meters;

  public CheckoutCompletions(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Counts the order once its final transition has committed (a rolled-back one is retried). */
  Mono<Void> recordAfterCommit(OrderStatus outcome, OffsetDateTime placedAt) {
    return AfterCommit.run(() ->
        Mono.fromRunnable(
            () -> timer(outcome).record(Duration.between(placedAt.toInstant(), Instant.now()))));
  }

  private Timer timer(OrderStatus outcome) {
    return Timer.builder("storefront.checkout.completion")
        .description("Time from an order placed to its final status")
        .tag("outcome", outcome.name())
        .serviceLevelObjectives(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(120),
            Duration.ofSeconds(300))
        .register(meters);
  }
}
