package dev.storefront.orders.saga;

import dev.storefront.orders.order.OrderRows;
import dev.storefront.orders.order.OrderStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Orders by status and the age of the oldest open one, counted in the database every 15 s (a scrape
 * must not wait for a query): storefront_orders{state} and
 * storefront_orders_oldest_open_age_seconds. Every replica reports the same totals; dashboards take
 * the max.
 */
@Component
public class OrderStateGauges implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OrderStateGauges.class);
  static final Duration EVERY = Duration.ofSeconds(15);

  private final OrderRows orders;
  private final Map<OrderStatus, AtomicLong> counts = new EnumMap<>(OrderStatus.class);
  private volatile Instant oldestOpenSince;
  private volatile Disposable refreshing;

  public OrderStateGauges(OrderRows orders, MeterRegistry meters) {
    this.orders = orders;
    for (OrderStatus status : OrderStatus.values()) {
      AtomicLong count = new AtomicLong();
      counts.put(status, count);
      Gauge.builder("storefront_orders", count, AtomicLong::get)
          .description("Orders in each status")
          .tag("state", status.name())
          .register(meters);
    }
    Gauge.builder(
            "storefront_orders_oldest_open_age_seconds", this, OrderStateGauges::oldestOpenAge)
        .description("Age of the oldest order not in a final status (0 when none is open)")
        .baseUnit("seconds")
        .register(meters);
  }

  private double oldestOpenAge() {
    Instant since = oldestOpenSince;
    return since == null
        ? 0
        : Math.max(0, Duration.between(since, Instant.now()).toMillis() / 1000.0);
  }

  private Mono<Void> refresh() {
    Mono<Void> byStatus =
        orders
            .countByStatus()
            .collectMap(OrderRows.StatusCount::status, OrderRows.StatusCount::count)
            .doOnNext(found ->
                counts.forEach((status, count) -> count.set(found.getOrDefault(status, 0L))))
            .then();
    Mono<Void> oldest =
        orders
            .oldestOpenSince()
            .map(since -> Optional.of(since.toInstant()))
            .defaultIfEmpty(Optional.empty())
            .doOnNext(since -> oldestOpenSince = since.orElse(null))
            .then();
    return byStatus
        .then(oldest)
        .onErrorResume(e -> {
          log.warn("counting orders by status failed (next try in {})", EVERY, e);
          return Mono.empty();
        });
  }

  @Override
  public void start() {
    refreshing = Flux.interval(Duration.ZERO, EVERY).concatMap(tick -> refresh()).subscribe();
  }

  @Override
  public void stop() {
    Disposable current = refreshing;
    if (current != null) {
      current.dispose();
    }
    refreshing = null;
  }

  @Override
  public boolean isRunning() {
    return refreshing != null;
  }
}
