package dev.storefront.messaging.retention;

import dev.storefront.messaging.PollingLoop;
import dev.storefront.service.database.SqlStatementCounter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Deletes published outbox rows and processed-message rows older than the retention, one batch per
 * table and step, straight on while a batch came back full, else every {@code interval}. Kafka
 * keeps the events themselves; a processed-message row only has to outlive any redelivery of its
 * event. The instances of a service share its database, and a transaction-scoped advisory lock lets
 * one of them do the work at a time.
 */
public class MessagingRetention extends PollingLoop {

  /** Any constant: the lock only has to be the same for every instance of the service. */
  static final long LOCK = 0x5f0_7e7e_1710L;

  private static final Duration AFTER_ERROR = Duration.ofMinutes(1);

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final Duration retention;
  private final int batch;

  public MessagingRetention(
      DatabaseClient db,
      TransactionalOperator tx,
      Duration retention,
      int batch,
      Duration interval) {
    super(
        "messaging retention",
        interval,
        interval,
        interval.compareTo(AFTER_ERROR) < 0 ? interval : AFTER_ERROR);
    this.db = db;
    this.tx = tx;
    this.retention = retention;
    this.batch = batch;
  }

  /** Rows deleted when a batch was full (go on), else 0 (pause). */
  @Override
  public Mono<Integer> step() {
    OffsetDateTime before = Instant.now().minus(retention).atOffset(ZoneOffset.UTC);
    return tx.transactional(
        lock()
            .flatMap(locked ->
                !locked
                    ? Mono.just(0)
                    : deleteOutbox(before)
                        .zipWith(deleteProcessed(before))
                        .map(deleted ->
                            deleted.getT1() >= batch || deleted.getT2() >= batch
                                ? deleted.getT1() + deleted.getT2()
                                : 0)));
  }

  private Mono<Boolean> lock() {
    return db.sql(
            SqlStatementCounter.BACKGROUND + "SELECT pg_try_advisory_xact_lock(:lock) AS locked")
        .bind("lock", LOCK)
        .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
        .one();
  }

  private Mono<Integer> deleteOutbox(OffsetDateTime before) {
    return db.sql(
            SqlStatementCounter.BACKGROUND
                + "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox"
                + " WHERE published_at IS NOT NULL AND published_at < :before"
                + " ORDER BY published_at LIMIT :limit)")
        .bind("before", before)
        .bind("limit", batch)
        .fetch()
        .rowsUpdated()
        .map(Long::intValue);
  }

  private Mono<Integer> deleteProcessed(OffsetDateTime before) {
    // No key of its own to batch on: the row's physical address (ctid) serves.
    return db.sql(
            SqlStatementCounter.BACKGROUND
                + "DELETE FROM processed_messages WHERE ctid = ANY(ARRAY(SELECT ctid"
                + " FROM processed_messages WHERE processed_at < :before LIMIT :limit))")
        .bind("before", before)
        .bind("limit", batch)
        .fetch()
        .rowsUpdated()
        .map(Long::intValue);
  }
}
