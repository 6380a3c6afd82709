package dev.storefront.payments.payment;

import dev.storefront.events.payments.PaymentStatusReported;
import dev.storefront.graphql.money.Money;
import dev.storefront.telemetry.StoredTraceContext;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Payments as rows: reads, their creation on StockReserved, and the cancellation orders asks for
 * (with {@code cancelled_orders}, its memory of orders cancelled before their payment existed).
 * Creation and cancellation run in the consumer's transaction and take the order's advisory lock
 * first: StockReserved and OrderCancelled come on different topics and may be handled at the same
 * moment, and without the lock each could miss the other's uncommitted row.
 */
@Repository
public class PaymentRows {

  private final DatabaseClient db;
  private final StoredTraceContext traces;

  public PaymentRows(DatabaseClient db, StoredTraceContext traces) {
    this.db = db;
    this.traces = traces;
  }

  public Flux<Payment> byOrderIds(Collection<UUID> orderIds) {
    return db.sql(
            "SELECT id, order_id, user_id, status, amount, currency_code, intent_id,"
                + " failure_reason, created_at, updated_at FROM payments WHERE order_id = ANY(:ids)")
        .bind("ids", orderIds.toArray(UUID[]::new))
        .map(PaymentRows::payment)
        .all();
  }

  /**
   * A PENDING payment for the order, due at once; false when it has one already or was cancelled
   * before.
   */
  public Mono<Boolean> create(
      UUID orderId, String userId, BigDecimal amount, String currency, Duration deadline) {
    return lockOrder(orderId)
        .then(
            Mono.deferContextual(context -> {
              var insert =
                  db.sql(
                          "INSERT INTO payments (id, order_id, user_id, amount, currency_code, status,"
                              + " deadline_at, trace_parent) SELECT :id, :orderId, :userId, :amount,"
                              + " :currency, 'PENDING', now() + make_interval(secs => :deadline), :traceParent"
                              + " WHERE NOT EXISTS (SELECT 1 FROM cancelled_orders WHERE order_id = :orderId)"
                              + " ON CONFLICT (order_id) DO NOTHING")
                      .bind("id", UUID.randomUUID())
                      .bind("orderId", orderId)
                      .bind("userId", userId)
                      .bind("amount", amount)
                      .bind("currency", currency)
                      .bind("deadline", deadline.toMillis() / 1000.0);
              // The processing loop charges it later in this trace (the checkout's).
              var traceParent = traces.current(context);
              return (traceParent.isPresent()
                      ? insert.bind("traceParent", traceParent.get())
                      : insert.bindNull("traceParent", String.class))
                  .fetch()
                  .rowsUpdated()
                  .map(n -> n == 1);
            }));
  }

  /**
   * Remembers the order as cancelled and marks its payment, if it is PENDING or AUTHORIZED, for the
   * processing loop to stop or void; due at once unless an instance is working on it right now
   * (that work ends by making it due). True when a payment was marked.
   */
  public Mono<Boolean> requestCancellation(UUID orderId, String reason) {
    var remember =
        db.sql(
                "INSERT INTO cancelled_orders (order_id, reason) VALUES (:orderId, :reason)"
                    + " ON CONFLICT DO NOTHING")
            .bind("orderId", orderId);
    remember =
        reason == null
            ? remember.bindNull("reason", String.class)
            : remember.bind("reason", reason);
    return lockOrder(orderId)
        .then(remember.then())
        .then(
            db.sql(
                    "UPDATE payments SET cancel_requested = true, updated_at = now(),"
                        + " next_attempt_at = CASE WHEN leased_until > now() THEN next_attempt_at"
                        + " ELSE now() END"
                        + " WHERE order_id = :orderId AND status IN ('PENDING', 'AUTHORIZED')"
                        + " AND NOT cancel_requested")
                .bind("orderId", orderId)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1));
  }

  /** The payment as reconciliation reports it: its status and failure reason, or NONE. */
  public Mono<PaymentStatusReported> reportOf(UUID orderId) {
    return db.sql("SELECT status, failure_reason FROM payments WHERE order_id = :orderId")
        .bind("orderId", orderId)
        .map(row ->
            new PaymentStatusReported(
                orderId, row.get("status", String.class), row.get("failure_reason", String.class)))
        .one()
        .defaultIfEmpty(new PaymentStatusReported(orderId, PaymentStatusReported.NONE, null));
  }

  /** Held until the transaction ends. */
  private Mono<Void> lockOrder(UUID orderId) {
    return db.sql("SELECT pg_advisory_xact_lock(:key)")
        .bind("key", orderId.getMostSignificantBits() ^ orderId.getLeastSignificantBits())
        .then();
  }

  static Payment payment(Readable row) {
    return new Payment(
        row.get("id", UUID.class).toString(),
        row.get("order_id", UUID.class).toString(),
        row.get("user_id", String.class),
        row.get("status", String.class),
        Money.of(row.get("amount", BigDecimal.class), row.get("currency_code", String.class)),
        row.get("intent_id", String.class),
        row.get("failure_reason", String.class),
        row.get("created_at", OffsetDateTime.class),
        row.get("updated_at", OffsetDateTime.class));
  }
}
