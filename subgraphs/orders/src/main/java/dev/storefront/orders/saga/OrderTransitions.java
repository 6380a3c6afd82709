package dev.storefront.orders.saga;

import dev.storefront.messaging.outbox.Outbox;
import dev.storefront.orders.order.OrderStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The order state machine. A move happens only from the statuses given (one conditional UPDATE, so
 * concurrent or repeated events cannot move an order twice), and records the new status in the
 * history and an OrderStatusChanged event, in the caller's transaction.
 */
@Component
public class OrderTransitions {

  private final DatabaseClient db;
  private final Outbox outbox;

  public OrderTransitions(DatabaseClient db, Outbox outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /** The order's user when it moved; empty when it was not in one of {@code from}. */
  public Mono<String> move(UUID orderId, Set<OrderStatus> from, OrderStatus to, String reason) {
    boolean failure = to == OrderStatus.PAYMENT_FAILED || to == OrderStatus.REJECTED;
    return db.sql(
            "UPDATE orders SET status = :to, updated_at = now()"
                + (failure ? ", failure_reason = :reason" : "")
                + " WHERE id = :id AND status = ANY(:from) RETURNING user_id")
        .bind("to", to.name())
        .bind("id", orderId)
        .bind("from", from.stream().map(OrderStatus::name).toArray(String[]::new))
        .bindValues(failure ? Map.of("reason", reason == null ? to.name() : reason) : Map.of())
        .map(row -> row.get("user_id", String.class))
        .one()
        .flatMap(userId -> {
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
          Map<String, Object> event = new HashMap<>();
          event.put("orderId", orderId.toString());
          event.put("userId", userId);
          event.put("status", to.name());
          if (reason != null) {
            event.put("reason", reason);
          }
          return history
              .then()
              .then(outbox.record("OrderStatusChanged", orderId.toString(), event))
              .thenReturn(userId);
        });
  }

  /** CONFIRMED: also tells the cart which units were bought (OrderConfirmed). */
  public Mono<Void> confirm(UUID orderId) {
    return move(orderId, Set.of(OrderStatus.AUTHORIZED), OrderStatus.CONFIRMED, null)
        .flatMap(userId ->
            db.sql("SELECT product_id, quantity FROM order_items WHERE order_id = :id")
                .bind("id", orderId)
                .map(row ->
                    Map.<String, Object>of(
                        "productId",
                        String.valueOf(row.get("product_id", Long.class)),
                        "quantity",
                        row.get("quantity", Integer.class)))
                .all()
                .collectList()
                .flatMap((List<Map<String, Object>> items) ->
                    outbox.record(
                        "OrderConfirmed",
                        orderId.toString(),
                        Map.of("orderId", orderId.toString(), "userId", userId, "items", items))));
  }
}
