package dev.storefront.orders.metrics;

import dev.storefront.orders.order.OrderStatus;
import dev.storefront.service.database.SqlStatementCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The saga's state as gauges: orders per state, and the age of the oldest order not yet in a final
 * state. A saga that stopped moving (a consumer down, an event lost) shows as that age growing.
 * Every state has a series, zero included, so a query for one state never comes back empty.
 */
public class OrderStateGauges {

  private final DatabaseClient db;
  private final Map<OrderStatus, AtomicLong> byState = new EnumMap<>(OrderStatus.class);
  private final AtomicLong oldestOpenAgeMillis = new AtomicLong();
  private final String openStates;

  public OrderStateGauges(DatabaseClient db, MeterRegistry meters) {
    this.db = db;
    for (OrderStatus state : OrderStatus.values()) {
      AtomicLong count = new AtomicLong();
      byState.put(state, count);
      Gauge.builder("storefront_orders", count, AtomicLong::get)
          .description("Orders in each saga state")
          .tag("state", state.name())
          .register(meters);
    }
    Gauge.builder(
            "storefront_orders_oldest_open_age_seconds",
            oldestOpenAgeMillis,
            millis -> millis.get() / 1000.0)
        .description("Age of the oldest order not in a final state (0 when none)")
        .register(meters);
    this.openStates =
        Arrays.stream(OrderStatus.values())
            .filter(s -> !s.isFinal())
            .map(s -> "'" + s.name() + "'")
            .collect(Collectors.joining(", "));
  }

  public Mono<Void> refresh() {
    Mono<Void> counts =
        db.sql(
                SqlStatementCounter.BACKGROUND
                    + "SELECT status, count(*) AS n FROM orders GROUP BY status")
            .map(r -> Map.entry(r.get("status", String.class), r.get("n", Long.class)))
            .all()
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .doOnNext(found ->
                byState.forEach((state, gauge) -> gauge.set(found.getOrDefault(state.name(), 0L))))
            .then();
    Mono<Void> oldest =
        db.sql(
                SqlStatementCounter.BACKGROUND
                    + "SELECT coalesce(extract(epoch FROM now() - min(created_at)) * 1000, 0)::int8"
                    + " AS age FROM orders WHERE status IN ("
                    + openStates
                    + ")")
            .map(r -> r.get("age", Long.class))
            .one()
            .doOnNext(oldestOpenAgeMillis::set)
            .then();
    return counts.then(oldest);
  }
}
