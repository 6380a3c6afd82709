package dev.storefront.messaging.metrics;

import dev.storefront.service.database.SqlStatementCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * How far the outbox relay is behind: rows not yet published and the age of the oldest. Both stay
 * near zero while Redis takes events; they grow when it does not (the relay retries).
 */
public class OutboxGauges {

  private record Backlog(long rows, double oldestAgeSeconds) {}

  private final DatabaseClient db;
  private final AtomicReference<Backlog> last = new AtomicReference<>(new Backlog(0, 0));

  public OutboxGauges(DatabaseClient db, MeterRegistry meters) {
    this.db = db;
    Gauge.builder("storefront_outbox_unpublished_events", last, b -> b.get().rows())
        .description("Outbox rows not yet published to the service's stream")
        .register(meters);
    Gauge.builder(
            "storefront_outbox_oldest_unpublished_age_seconds",
            last,
            b -> b.get().oldestAgeSeconds())
        .description("Age of the oldest unpublished outbox row (0 when none)")
        .register(meters);
  }

  /** Reads the backlog once; the partial index on unpublished rows keeps this cheap. */
  public Mono<Void> refresh() {
    return db.sql(
            SqlStatementCounter.BACKGROUND
                + "SELECT count(*) AS n,"
                + " coalesce(extract(epoch FROM now() - min(occurred_at)), 0)::float8 AS age"
                + " FROM outbox WHERE published_at IS NULL")
        .map(r -> new Backlog(r.get("n", Long.class), r.get("age", Double.class)))
        .one()
        .doOnNext(last::set)
        .then();
  }
}
