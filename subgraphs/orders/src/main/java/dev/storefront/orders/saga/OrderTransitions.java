package dev.storefront.orders.saga;

import dev.storefront.events.orders.OrderCancelled;
import dev.storefront.events.orders.OrderConfirmed;
import dev.storefront.events.orders.OrderReconciliationRequested;
import dev.storefront.events.orders.OrderStatusChanged;
import dev.storefront.messaging.outbox.Outbox;
import dev.storefront.orders.order.OrderStatus;
import dev.storefront.service.database.SqlStatementCounter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The order state machine's writes. A move happens only from the statuses given (one conditional
 * UPDATE, so concurrent or repeated events cannot move an order twice or backwards), and records
 * the new status in the history and an OrderStatusChanged event, in the caller's transaction. It
 * also owns the deadline loop's reads of stalled orders, which lock what they return.
 */
@Component
public class OrderTransitions {

  private static final String IN_PROGRESS = "('PENDING', 'RESERVED', 'AUTHORIZED')";

  /** A stalled order as the deadline loop found it, locked for the caller's transaction. */
  public record Stalled(UUID orderId, OrderStatus status, boolean overdue, boolean askDue) {}

  private final DatabaseClient db;
  private final Outbox outbox;
  private final CheckoutCompletions completions;

  public OrderTransitions(DatabaseClient db, Outbox outbox, CheckoutCompletions completions) {
    this.db = db;
    this.outbox = outbox;
    this.completions = completions;
  }

  /** The order's user when it moved; empty when it was not in one of {@code from}. */
  public Mono<String> move(UUID orderId, Set<OrderStatus> from, OrderStatus to, String reason) {
    boolean failure = to.isFailure();
    var update =
        db.sql(
                "UPDATE orders SET status = :to, updated_at = now()"
                    + (failure ? ", failure_reason = :reason" : "")
                    + " WHERE id = :id AND status = ANY(:from) RETURNING user_id, created_at")
            .bind("to", to.name())
            .bind("id", orderId)
            .bind("from", from.stream().map(OrderStatus::name).toArray(String[]::new));
    if (failure) {
      update = update.bind("reason", reason == null ? to.name() : reason);
    }
    return update
        .map(row ->
            new Moved(
                row.get("user_id", String.class), row.get("created_at", OffsetDateTime.class)))
        .one()
        .flatMap(moved -> {
          String userId = moved.userId();
          var history =
              db.sql(
                      "INSERT INTO order_status_history (order_id, status, reason)"
                          + " VALUES (:id, :status, :reason)")
                  .bind("id", orderId)
                  .bind("status", to.name());
          history =
              reason == null
                  ? history.bindNull("reason", String.class)
                  : history.bind("reason", reason);
          return history
              .then()
              .then(outbox.record(new OrderStatusChanged(orderId, userId, to.name(), reason)))
              .then(
                  to.isFinal() ? completions.recordAfterCommit(to, moved.placedAt()) : Mono.empty())
              .thenReturn(userId);
        });
  }

  private record Moved(String userId, OffsetDateTime placedAt) {}

  /** AUTHORIZED → CONFIRMED: also tells the cart which units were bought (OrderConfirmed). */
  public Mono<Void> confirm(UUID orderId) {
    return move(orderId, Set.of(OrderStatus.AUTHORIZED), OrderStatus.CONFIRMED, null)
        .flatMap(userId ->
            db.sql(
                    "SELECT i.product_id, i.quantity, o.cart_updated_at FROM order_items i"
                        + " JOIN orders o ON o.id = i.order_id WHERE i.order_id = :id")
                .bind("id", orderId)
                .map(row ->
                    new ConfirmedLine(
                        new OrderConfirmed.Item(
                            row.get("product_id", Long.class), row.get("quantity", Integer.class)),
                        row.get("cart_updated_at", OffsetDateTime.class)))
                .all()
                .collectList()
                .flatMap(lines ->
                    outbox.record(
                        new OrderConfirmed(
                            orderId,
                            userId,
                            lines.stream().map(ConfirmedLine::item).toList(),
                            lines.isEmpty() || lines.getFirst().cartUpdatedAt() == null
                                ? null
                                : lines.getFirst().cartUpdatedAt().toInstant()))));
  }

  /** An order line with its order's cart time, as the join returns them. */
  private record ConfirmedLine(OrderConfirmed.Item item, OffsetDateTime cartUpdatedAt) {}

  /**
   * → CANCELLED from one of {@code from}, with OrderCancelled so that inventory and payments undo
   * what they did for it. False when the order was not in one of {@code from}.
   */
  public Mono<Boolean> cancel(UUID orderId, Set<OrderStatus> from, String reason) {
    return move(orderId, from, OrderStatus.CANCELLED, reason)
        .flatMap(
            userId -> outbox.record(new OrderCancelled(orderId, userId, reason)).thenReturn(true))
        .defaultIfEmpty(false);
  }

  /**
   * Orders under way that have passed their status's deadline or are due to be asked about, the
   * longest-waiting first. Not locked: {@link #lockStalled} decides under the row lock.
   */
  public Flux<UUID> stalled(SagaSettings settings) {
    return bindDeadlines(
            db.sql(
                SqlStatementCounter.BACKGROUND
                    + "SELECT id FROM orders WHERE status IN "
                    + IN_PROGRESS
                    + " AND ("
                    + OVERDUE
                    + " OR "
                    + ASK_DUE
                    + ") ORDER BY updated_at LIMIT :limit"),
            settings)
        .bind("limit", settings.batchSize())
        .map(row -> row.get("id", UUID.class))
        .all();
  }

  /**
   * The order, locked for the caller's transaction, when it is still under way; empty when it is
   * not, or when another instance holds it (SKIP LOCKED: two replicas never act on one order).
   */
  public Mono<Stalled> lockStalled(UUID orderId, SagaSettings settings) {
    return bindDeadlines(
            db.sql(
                SqlStatementCounter.BACKGROUND
                    + "SELECT status, "
                    + OVERDUE
                    + " AS overdue, "
                    + ASK_DUE
                    + " AS ask_due FROM orders WHERE id = :id AND status IN "
                    + IN_PROGRESS
                    + " FOR UPDATE SKIP LOCKED"),
            settings)
        .bind("id", orderId)
        .map(row ->
            new Stalled(
                orderId,
                OrderStatus.valueOf(row.get("status", String.class)),
                Boolean.TRUE.equals(row.get("overdue", Boolean.class)),
                Boolean.TRUE.equals(row.get("ask_due", Boolean.class))))
        .one();
  }

  /** Asks inventory and payments what they know of the order, and notes when it asked. */
  public Mono<Void> requestReconciliation(UUID orderId, OrderStatus status) {
    return db.sql(
            SqlStatementCounter.BACKGROUND
                + "UPDATE orders SET reconcile_requested_at = now() WHERE id = :id")
        .bind("id", orderId)
        .then()
        .then(outbox.record(new OrderReconciliationRequested(orderId, status.name())));
  }

  private static final String OVERDUE =
      "updated_at < now() - CASE status"
          + " WHEN 'PENDING' THEN make_interval(secs => :pending)"
          + " WHEN 'RESERVED' THEN make_interval(secs => :reserved)"
          + " WHEN 'AUTHORIZED' THEN make_interval(secs => :authorized) END";

  private static final String ASK_DUE =
      "(updated_at < now() - make_interval(secs => :reconcile)"
          + " AND (reconcile_requested_at IS NULL"
          + " OR reconcile_requested_at < now() - make_interval(secs => :reconcile)))";

  private static DatabaseClient.GenericExecuteSpec bindDeadlines(
      DatabaseClient.GenericExecuteSpec spec, SagaSettings settings) {
    return spec.bind("pending", seconds(settings.pendingDeadline()))
        .bind("reserved", seconds(settings.reservedDeadline()))
        .bind("authorized", seconds(settings.authorizedDeadline()))
        .bind("reconcile", seconds(settings.reconcileAfter()));
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
