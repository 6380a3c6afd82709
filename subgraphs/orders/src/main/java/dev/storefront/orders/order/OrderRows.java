package dev.storefront.orders.order;

import dev.storefront.graphql.money.Money;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.graphql.pagination.Cursor;
import dev.storefront.graphql.pagination.PageRequest;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Reads of orders, their items and their history. */
@Repository
public class OrderRows {

  /** The columns {@link #order} reads, for SELECT and RETURNING clauses. */
  public static final String COLUMNS =
      "id, user_id, status, currency_code, total_amount, shipping_address::text AS address,"
          + " failure_reason, created_at";

  static final String SORT = "newest";

  private final DatabaseClient db;
  private final JsonMapper json;

  public OrderRows(DatabaseClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  public Mono<Order> byId(UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id")
        .bind("id", id)
        .map(this::order)
        .one();
  }

  public Mono<Order> byIdempotencyKey(String userId, String key) {
    return db.sql(
            "SELECT " + COLUMNS + " FROM orders WHERE user_id = :userId AND idempotency_key = :key")
        .bind("userId", userId)
        .bind("key", key)
        .map(this::order)
        .one();
  }

  /** One page of a user's orders, newest first. */
  public Mono<Connection<Order>> pageOf(String userId, PageRequest page) {
    String after = "";
    OffsetDateTime afterAt = null;
    UUID afterId = null;
    if (page.after() != null) {
      List<String> values = page.after().valuesFor(SORT, 2);
      try {
        afterAt = OffsetDateTime.parse(values.get(0));
        afterId = UUID.fromString(values.get(1));
      } catch (RuntimeException e) {
        throw dev.storefront.graphql.error.ClientError.badUserInput(
            "after", "The cursor is malformed");
      }
      after = " AND (created_at, id) < (:afterAt, :afterId)";
    }
    var spec =
        db.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM orders WHERE user_id = :userId"
                    + after
                    + " ORDER BY created_at DESC, id DESC LIMIT :limit")
            .bind("userId", userId)
            .bind("limit", page.fetchSize());
    if (afterAt != null) {
      spec = spec.bind("afterAt", afterAt).bind("afterId", afterId);
    }
    return spec.map(this::order)
        .all()
        .collectList()
        .map(rows ->
            Connection.fromRows(
                rows, page, o -> Cursor.of(SORT, o.createdAt().toString(), o.id())));
  }

  public Flux<OrderItem> itemsOf(Collection<UUID> orderIds) {
    return db.sql(
            "SELECT order_id, product_id, quantity, unit_price, o.currency_code"
                + " FROM order_items JOIN orders o ON o.id = order_id"
                + " WHERE order_id = ANY(:ids) ORDER BY order_id, product_id")
        .bind("ids", orderIds.toArray(UUID[]::new))
        .map(row ->
            OrderItem.of(
                row.get("order_id", UUID.class).toString(),
                row.get("product_id", Long.class),
                row.get("quantity", Integer.class),
                Money.of(
                    row.get("unit_price", BigDecimal.class),
                    row.get("currency_code", String.class))))
        .all();
  }

  public Flux<OrderStatusChange> historyOf(Collection<UUID> orderIds) {
    return db.sql(
            "SELECT order_id, status, at, reason FROM order_status_history"
                + " WHERE order_id = ANY(:ids) ORDER BY order_id, id")
        .bind("ids", orderIds.toArray(UUID[]::new))
        .map(row ->
            new OrderStatusChange(
                row.get("order_id", UUID.class).toString(),
                OrderStatus.valueOf(row.get("status", String.class)),
                row.get("at", OffsetDateTime.class),
                row.get("reason", String.class)))
        .all();
  }

  /** How many orders are in each status (statuses without orders are absent). */
  public Flux<StatusCount> countByStatus() {
    return db.sql("SELECT status, count(*) AS n FROM orders GROUP BY status")
        .map(row ->
            new StatusCount(
                OrderStatus.valueOf(row.get("status", String.class)), row.get("n", Long.class)))
        .all();
  }

  /** When the oldest order not yet in a final status was placed; empty when none is open. */
  public Mono<OffsetDateTime> oldestOpenSince() {
    return db.sql("SELECT min(created_at) AS since FROM orders WHERE status <> ALL(:final)")
        .bind("final", OrderStatus.FINAL.stream().map(OrderStatus::name).toArray(String[]::new))
        .map(row -> Optional.ofNullable(row.get("since", OffsetDateTime.class)))
        .one()
        .flatMap(Mono::justOrEmpty);
  }

  public record StatusCount(OrderStatus status, long count) {}

  public Order order(Readable row) {
    return new Order(
        row.get("id", UUID.class).toString(),
        row.get("user_id", String.class),
        OrderStatus.valueOf(row.get("status", String.class)),
        Money.of(row.get("total_amount", BigDecimal.class), row.get("currency_code", String.class)),
        json.readValue(row.get("address", String.class), Address.class),
        row.get("failure_reason", String.class),
        row.get("created_at", OffsetDateTime.class));
  }
}
