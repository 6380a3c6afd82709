package dev.storefront.inventory.reservation;

import dev.storefront.events.Amount;
import dev.storefront.events.inventory.ReservationStatusReported;
import dev.storefront.events.inventory.StockCommitted;
import dev.storefront.events.inventory.StockReleased;
import dev.storefront.events.inventory.StockReservationRejected;
import dev.storefront.events.inventory.StockReservationRejected.Shortage;
import dev.storefront.events.inventory.StockReserved;
import dev.storefront.messaging.consumer.PoisonEventException;
import dev.storefront.messaging.outbox.Outbox;
import dev.storefront.service.database.SqlStatementCounter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
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
 * Reserve, commit, release and cancel stock for an order. Every method runs inside the caller's
 * transaction and writes the matching event to the outbox. Overselling is impossible: a reservation
 * locks the stock rows it checks ({@code FOR UPDATE}, in product order so concurrent reservations
 * never deadlock) and the table's CHECK keeps {@code reserved <= on_hand}.
 */
public class StockReservations {

  private final DatabaseClient db;
  private final Outbox outbox;

  public StockReservations(DatabaseClient db, Outbox outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /**
   * True when reserved; false when the order was rejected, or had been handled (or cancelled)
   * already.
   *
   * @throws PoisonEventException when a product has no stock record: a person sets its stock level
   *     and replays the event
   */
  public Mono<Boolean> reserve(
      UUID orderId, String userId, List<ReservationLine> lines, Amount total, Instant expiresAt) {
    SortedMap<Long, Integer> wanted = new TreeMap<>();
    lines.forEach(line -> wanted.merge(line.productId(), line.quantity(), Integer::sum));
    return statusOf(orderId)
        .map(already -> false)
        .switchIfEmpty(
            Mono.defer(() ->
                available(wanted.keySet())
                    .flatMap(available -> {
                      List<Shortage> shortages = shortages(wanted, available);
                      return shortages.isEmpty()
                          ? hold(orderId, userId, wanted, total, expiresAt).thenReturn(true)
                          : reject(orderId, shortages).thenReturn(false);
                    })));
  }

  private static List<Shortage> shortages(
      SortedMap<Long, Integer> wanted, Map<Long, Integer> available) {
    return wanted.entrySet().stream()
        .filter(line -> available.get(line.getKey()) < line.getValue())
        .map(line -> new Shortage(line.getKey(), line.getValue(), available.get(line.getKey())))
        .toList();
  }

  private Mono<Void> reject(UUID orderId, List<Shortage> shortages) {
    return outbox.record(new StockReservationRejected(orderId, "INSUFFICIENT_STOCK", shortages));
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
                    .then(outbox.record(new StockCommitted(orderId, false)))
                : commitAfterRelease(orderId));
  }

  /** The payment failed or the hold expired: reserved units become available again. */
  public Mono<Boolean> release(UUID orderId, String reason) {
    return transition(orderId, "RELEASED")
        .flatMap(moved ->
            !moved
                ? Mono.just(false)
                : giveBackReserved(orderId)
                    .then(outbox.record(new StockReleased(orderId, reason)))
                    .thenReturn(true));
  }

  /**
   * Orders gave up on the order: what it holds goes back (reserved units are released, committed
   * ones return on hand, StockReleased ORDER_CANCELLED), and the reservation stays CANCELLED so
   * that neither a late OrderPlaced nor a late payment takes stock for it again. An order not seen
   * yet gets a CANCELLED reservation without items.
   */
  public Mono<Void> cancel(UUID orderId) {
    return db.sql("SELECT status FROM reservations WHERE order_id = :orderId FOR UPDATE")
        .bind("orderId", orderId)
        .map(row -> row.get("status", String.class))
        .one()
        .flatMap(status ->
            switch (status) {
              case "RESERVED" ->
                  giveBackReserved(orderId)
                      .then(markCancelled(orderId))
                      .then(releasedByCancel(orderId));
              case "COMMITTED" ->
                  db.sql(
                          "UPDATE stock_levels s SET on_hand = s.on_hand + i.quantity,"
                              + " updated_at = now() FROM reservation_items i"
                              + " WHERE i.order_id = :orderId AND s.product_id = i.product_id")
                      .bind("orderId", orderId)
                      .then()
                      .then(markCancelled(orderId))
                      .then(releasedByCancel(orderId));
              case "RELEASED" -> markCancelled(orderId);
              default -> Mono.<Void>empty();
            })
        .switchIfEmpty(
            Mono.defer(() ->
                db.sql(
                        "INSERT INTO reservations (order_id, status, expires_at)"
                            + " VALUES (:orderId, 'CANCELLED', now()) ON CONFLICT DO NOTHING")
                    .bind("orderId", orderId)
                    .then()));
  }

  /**
   * The reservation as reconciliation reports it: NONE, RESERVED, COMMITTED or RELEASED (a
   * cancelled one holds nothing, so it counts as released).
   */
  public Mono<String> reportedStatus(UUID orderId) {
    return statusOf(orderId)
        .map(status -> "CANCELLED".equals(status) ? ReservationStatusReported.RELEASED : status)
        .defaultIfEmpty(ReservationStatusReported.NONE);
  }

  /** Orders whose hold has run out, oldest first. */
  public Flux<UUID> expired(Instant now, int limit) {
    return db.sql(
            SqlStatementCounter.BACKGROUND
                + "SELECT order_id FROM reservations WHERE status = 'RESERVED' AND expires_at < :now"
                + " ORDER BY expires_at LIMIT :limit")
        .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .bind("limit", limit)
        .map(row -> row.get("order_id", UUID.class))
        .all();
  }

  private Mono<String> statusOf(UUID orderId) {
    return db.sql("SELECT status FROM reservations WHERE order_id = :orderId")
        .bind("orderId", orderId)
        .map(row -> row.get("status", String.class))
        .one();
  }

  /** What is available of each product, its rows locked; every product must have a row. */
  private Mono<Map<Long, Integer>> available(Collection<Long> productIds) {
    return db.sql(
            "SELECT product_id, on_hand - reserved AS available FROM stock_levels"
                + " WHERE product_id = ANY(:ids) ORDER BY product_id FOR UPDATE")
        .bind("ids", productIds.toArray(Long[]::new))
        .map(row ->
            Map.entry(row.get("product_id", Long.class), row.get("available", Integer.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .map(available -> {
          for (long productId : productIds) {
            if (!available.containsKey(productId)) {
              // Not a shortage: nobody ever counted this product. Rejecting would turn a missing
              // record into a lost sale; a person can add it and replay the event instead.
              throw new PoisonEventException(
                  "inventory has no stock record for product "
                      + productId
                      + ": set its stock level, then replay the dead letter");
            }
          }
          return available;
        });
  }

  /** Holds every line and records StockReserved. */
  private Mono<Void> hold(
      UUID orderId,
      String userId,
      SortedMap<Long, Integer> wanted,
      Amount total,
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
        .then(outbox.record(new StockReserved(orderId, userId, total, expiresAt)));
  }

  private Mono<Void> giveBackReserved(UUID orderId) {
    return db.sql(
            "UPDATE stock_levels s SET reserved = s.reserved - i.quantity,"
                + " updated_at = now() FROM reservation_items i"
                + " WHERE i.order_id = :orderId AND s.product_id = i.product_id")
        .bind("orderId", orderId)
        .then();
  }

  private Mono<Void> markCancelled(UUID orderId) {
    return db.sql(
            "UPDATE reservations SET status = 'CANCELLED', updated_at = now()"
                + " WHERE order_id = :orderId")
        .bind("orderId", orderId)
        .then();
  }

  private Mono<Void> releasedByCancel(UUID orderId) {
    return outbox.record(new StockReleased(orderId, StockReleased.ORDER_CANCELLED));
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
   * committed, or the order cancelled (payments voids that payment): nothing to do. Released: take
   * the units again if they are still there.
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
              .then(outbox.record(new StockCommitted(orderId, true)))
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
