package dev.storefront.inventory.reservation;

import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/** Stock rows and outbox counts of the inventory tests. */
final class StockFixture {

  private StockFixture() {}

  /** {@code units} on hand and none reserved; earlier tests' holds on it forgotten. */
  static void onHand(DatabaseClient db, long productId, int units) {
    db.sql("DELETE FROM reservation_items WHERE product_id = :p")
        .bind("p", productId)
        .then()
        .block();
    db.sql(
            "INSERT INTO stock_levels (product_id, on_hand, reserved) VALUES (:p, :n, 0)"
                + " ON CONFLICT (product_id) DO UPDATE SET on_hand = :n, reserved = 0")
        .bind("p", productId)
        .bind("n", units)
        .then()
        .block();
  }

  /** [on hand, reserved]. */
  static List<Integer> stock(DatabaseClient db, long productId) {
    return db.sql("SELECT on_hand, reserved FROM stock_levels WHERE product_id = :p")
        .bind("p", productId)
        .map(row -> List.of(row.get("on_hand", Integer.class), row.get("reserved", Integer.class)))
        .one()
        .block();
  }

  static String reservationStatus(DatabaseClient db, UUID orderId) {
    return db.sql("SELECT status FROM reservations WHERE order_id = :id")
        .bind("id", orderId)
        .map(row -> row.get("status", String.class))
        .one()
        .block();
  }

  static long outboxCount(DatabaseClient db, String type, UUID orderId) {
    return db.sql("SELECT count(*) AS n FROM outbox WHERE type = :type AND aggregate_id = :id")
        .bind("type", type)
        .bind("id", orderId.toString())
        .map(row -> row.get("n", Long.class))
        .one()
        .block();
  }

  /** Whether inventory's consumer group handled the event. */
  static boolean processed(DatabaseClient db, UUID eventId) {
    return db.sql("SELECT count(*) AS n FROM processed_messages WHERE event_id = :id")
            .bind("id", eventId)
            .map(row -> row.get("n", Long.class))
            .one()
            .block()
        > 0;
  }
}
