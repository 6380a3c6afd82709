package dev.storefront.messaging.outbox;

import dev.storefront.messaging.PollingLoop;
import dev.storefront.messaging.stream.StreamFields;
import dev.storefront.service.database.SqlStatementCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Publishes committed outbox rows to the service's stream, oldest first. A row is marked published
 * only after Redis accepted it; a crash in between publishes it again, and consumers skip the
 * duplicate by its event id. {@code FOR UPDATE SKIP LOCKED} lets several instances relay at once.
 */
public class OutboxRelay extends PollingLoop {

  private static final int BATCH = 200;

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final ReactiveStringRedisTemplate redis;
  private final String stream;
  private final long maxStreamLength;
  private final Counter published;

  public OutboxRelay(
      DatabaseClient db,
      TransactionalOperator tx,
      ReactiveStringRedisTemplate redis,
      String stream,
      long maxStreamLength,
      Duration idle,
      Duration maxIdle,
      MeterRegistry meters) {
    super("outbox relay", idle, maxIdle, Duration.ofSeconds(1));
    this.db = db;
    this.tx = tx;
    this.redis = redis;
    this.stream = stream;
    this.maxStreamLength = maxStreamLength;
    this.published =
        Counter.builder("storefront_outbox_published_total")
            .description("Outbox events published to the service's Redis stream")
            .register(meters);
  }

  private record Row(
      long id, UUID eventId, String type, String aggregateId, Instant at, String payload) {}

  /** Publishes one batch; the number of events published. */
  @Override
  public Mono<Integer> step() {
    var options = XAddOptions.maxlen(maxStreamLength).approximateTrimming(true);
    return tx.transactional(
        db.sql(
                SqlStatementCounter.BACKGROUND
                    + "SELECT id, event_id, type, aggregate_id, occurred_at, payload::text AS payload"
                    + " FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT "
                    + BATCH
                    + " FOR UPDATE SKIP LOCKED")
            .map(r ->
                new Row(
                    r.get("id", Long.class),
                    r.get("event_id", UUID.class),
                    r.get("type", String.class),
                    r.get("aggregate_id", String.class),
                    r.get("occurred_at", OffsetDateTime.class).toInstant(),
                    r.get("payload", String.class)))
            .all()
            .concatMap(row ->
                redis
                    .opsForStream()
                    .add(
                        StreamRecords.newRecord()
                            .in(stream)
                            .ofMap(
                                StreamFields.of(
                                    row.eventId(),
                                    row.type(),
                                    row.aggregateId(),
                                    row.at(),
                                    row.payload())),
                        options)
                    .thenReturn(row.id()))
            .collectList()
            .flatMap(ids ->
                ids.isEmpty()
                    ? Mono.just(0)
                    : db.sql("UPDATE outbox SET published_at = now() WHERE id = ANY(:ids)")
                        .bind("ids", ids.toArray(Long[]::new))
                        .fetch()
                        .rowsUpdated()
                        .map(n -> {
                          published.increment(n);
                          return n.intValue();
                        })));
  }
}
