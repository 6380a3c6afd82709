package dev.storefront.inventory.reservation;

import dev.storefront.messaging.consumer.PoisonEventException;
import dev.storefront.messaging.outbox.Outbox;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reserve, commit and release stock for an order. Every method runs inside the caller's transaction
 * and writes the matching event to the outbox. Overselling is impossible: a reservation locks the
 * stock rows it checks ({@code FOR UPDATE}, in product order so concurrent reservations never
 * deadlock) and the table's CHECK keeps {@code reserved <= on_hand}.
 */
public class StockReservations {

  public record Shortage(String productId, int requested, int available) {}

  private final DatabaseClient db;
  private final Outbox outbox;

  public StockReservations(DatabaseClient db, Outbox outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /** True when reserved; false when the order was rejected (or had been handled already). */
  public Mono<Boolean> reserve(
      UUID orderId, String userId, List<ReservationLine> lines, Object total, Instant expiresAt) {
    SortedMap<Long, Integer> wanted = new TreeMap<>();
    lines.forEach(line -> wanted.merge(line.productId(), line.quantity(), Integer::sum));
    return exists(orderId)
        .flatMap(already ->
            already
                ? Mono.just(false)
                : available(wanted.keySet())
                    .flatMap(available -> {
                      List<Shortage> shortages = shortages(wanted, available);
                      return shortages.isEmpty()
                          ? hold(orderId, userId, wanted, total, expiresAt).thenReturn(true)
                          : reject(orderId, shortages).thenReturn(false);
                    }));
  }

  private static List<Shortage> shortages(
      SortedMap<Long, Integer> wanted, Map<Long, Integer> available) {
    return wanted.entrySet().stream()
        .filter(line -> available.getOrDefault(line.getKey(), 0) < line.getValue())
        .map(line ->
            new Shortage(
                line.getKey().toString(),
                line.getValue(),
                available.getOrDefault(line.getKey(), 0)))
        .sorted(Comparator.comparing(Shortage::productId))
        .toList();
  }

  private Mono<Void> reject(UUID orderId, List<Shortage> shortages) {
    return outbox.record(
        "StockReservationRejected",
        orderId.toString(),
        Map.of(
            "orderId", orderId.toString(), "reason", "INSUFFICIENT_STOCK", "shortages", shortages));
  }

  /** The payment went through: reserved units leave stock. */
  public Mono<Void> commit(UUID orderId) {
    return transition(orderId, "COMMITTED")
        .flatMap(moved ->
            moved
                ? db.sql(
                        "UPDATE stock_levels s SET on_hand = s.on_hand - i.quantity,"
                            + " reserved = s.reserved - i.quantity, updated_at = now()"
                            + " FROM reservation_items i"
                            + " WHERE i.order_id = :orderId AND s.product_id = i.product_id")
                    .bind("orderId", orderId)
                    .then()
                    .then(
                        outbox.record(
                            "StockCommitted",
                            orderId.toString(),
                            Map.of("orderId", orderId.toString())))
                : commitAfterRelease(orderId));
  }

  /** The payment failed or the hold expired: reserved units become available again. */
  public Mono<Boolean> release(UUID orderId, String reason) {
    return transition(orderId, "RELEASED")
        .flatMap(moved ->
            !moved
                ? Mono.just(false)
                : db.sql(
                        "UPDATE stock_levels s SET reserved = s.reserved - i.quantity,"
                            + " updated_at = now() FROM reservation_items i"
                            + " WHERE i.order_id = :orderId AND s.product_id = i.product_id")
                    .bind("orderId", orderId)
                    .then()
                    .then(
                        outbox.record(
                            "StockReleased",
                            orderId.toString(),
                            Map.of("orderId", orderId.toString(), "reason", reason)))
                    .thenReturn(true));
  }

  /** Orders whose hold has run out, oldest first. */
  public Flux<UUID> expired(Instant now, int limit) {
    return db.sql(
            dev.storefront.service.database.SqlStatementCounter.BACKGROUND
                + "SELECT order_id FROM reservations WHERE status = 'RESERVED' AND expires_at < :now"
                + " ORDER BY expires_at LIMIT :limit")
        .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .bind("limit", limit)
        .map(row -> row.get("order_id", UUID.class))
        .all();
  }

  private Mono<Boolean> exists(UUID orderId) {
    return db.sql("SELECT 1 FROM reservations WHERE order_id = :orderId")
        .bind("orderId", orderId)
        .map(row -> true)
        .one()
        .defaultIfEmpty(false);
  }

  private Mono<Map<Long, Integer>> available(Collection<Long> productIds) {
    return db.sql(
            "SELECT product_id, on_hand - reserved AS available FROM stock_levels"
                + " WHERE product_id = ANY(:ids) ORDER BY product_id FOR UPDATE")
        .bind("ids", productIds.toArray(Long[]::new))
        .map(row ->
            Map.entry(row.get("product_id", Long.class), row.get("available", Integer.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** Holds every line and records StockReserved. */
  private Mono<Void> hold(
      UUID orderId,
      String userId,
      SortedMap<Long, Integer> wanted,
      Object total,
      Instant expiresAt) {
    Long[] productIds = wanted.keySet().toArray(Long[]::new);
    Integer[] quantities = wanted.values().toArray(Integer[]::new);
    return db.sql(
            "UPDATE stock_levels s SET reserved = s.reserved + i.quantity, updated_at = now()"
                + " FROM unnest(:ids::bigint[], :quantities::int[]) AS i(product_id, quantity)"
                + " WHERE s.product_id = i.product_id")
        .bind("ids", productIds)
        .bind("quantities", quantities)
        .then()
        .then(
            db.sql(
                    "INSERT INTO reservations (order_id, status, expires_at)"
                        + " VALUES (:orderId, 'RESERVED', :expiresAt)")
                .bind("orderId", orderId)
                .bind("expiresAt", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                .then())
        .then(
            db.sql(
                    "INSERT INTO reservation_items (order_id, product_id, quantity)"
                        + " SELECT :orderId, product_id, quantity"
                        + " FROM unnest(:ids::bigint[], :quantities::int[]) AS i(product_id, quantity)")
                .bind("orderId", orderId)
                .bind("ids", productIds)
                .bind("quantities", quantities)
                .then())
        .then(
            outbox.record(
                "StockReserved",
                orderId.toString(),
                Map.of(
                    "orderId",
                    orderId.toString(),
                    "userId",
                    userId,
                    "total",
                    total,
                    "expiresAt",
                    expiresAt.toString())));
  }

  /** Moves a RESERVED reservation on; false when it is not (or no longer) RESERVED. */
  private Mono<Boolean> transition(UUID orderId, String status) {
    return db.sql(
            "UPDATE reservations SET status = :status, updated_at = now()"
                + " WHERE order_id = :orderId AND status = 'RESERVED'")
        .bind("status", status)
        .bind("orderId", orderId)
        .fetch()
        .rowsUpdated()
        .map(updated -> updated == 1);
  }

  /**
   * A payment authorised after its hold expired (or a redelivered authorisation). Already
   * committed: nothing to do. Released: take the units again if they are still there.
   */
  private Mono<Void> commitAfterRelease(UUID orderId) {
    return db.sql("SELECT status FROM reservations WHERE order_id = :orderId FOR UPDATE")
        .bind("orderId", orderId)
        .map(row -> row.get("status", String.class))
        .one()
        .switchIfEmpty(
            Mono.error(
                new PoisonEventException(
                    "payment authorised for order " + orderId + " that holds no reservation")))
        .flatMap(status -> {
          if (!"RELEASED".equals(status)) {
            return Mono.empty();
          }
          return db.sql(
                  "UPDATE stock_levels s SET on_hand = s.on_hand - i.quantity, updated_at = now()"
                      + " FROM reservation_items i WHERE i.order_id = :orderId"
                      + " AND s.product_id = i.product_id")
              .bind("orderId", orderId)
              .then()
              .then(
                  db.sql(
                          "UPDATE reservations SET status = 'COMMITTED', updated_at = now()"
                              + " WHERE order_id = :orderId")
                      .bind("orderId", orderId)
                      .then())
              .then(
                  outbox.record(
                      "StockCommitted",
                      orderId.toString(),
                      Map.of("orderId", orderId.toString(), "afterExpiry", true)))
              .onErrorMap(
                  DataIntegrityViolationException.class,
                  e ->
                      new PoisonEventException(
                          "order "
                              + orderId
                              + " was paid after its reservation expired and the stock is gone:"
                              + " refund or restock by hand"));
        });
  }
}
