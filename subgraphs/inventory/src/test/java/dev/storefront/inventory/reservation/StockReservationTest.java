package dev.storefront.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.messaging.stream.EventStreams;
import dev.storefront.testsupport.SubgraphTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reservations on the real PostgreSQL, fed through the real Redis stream: never more units than on
 * hand under concurrency, one reservation per order however often OrderPlaced arrives, and poison
 * events parked in the dead-letter stream.
 */
@SubgraphTest
class StockReservationTest {

  static final long PRODUCT = 990_001L;

  @Autowired DatabaseClient db;
  @Autowired StockReservations reservations;
  @Autowired TransactionalOperator tx;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired EventStreams streams;
  @Autowired JsonMapper json;

  @BeforeEach
  void tenUnitsOnHand() {
    db.sql("DELETE FROM reservation_items WHERE product_id = :p").bind("p", PRODUCT).then().block();
    db.sql(
            "INSERT INTO stock_levels (product_id, on_hand, reserved) VALUES (:p, 10, 0)"
                + " ON CONFLICT (product_id) DO UPDATE SET on_hand = 10, reserved = 0")
        .bind("p", PRODUCT)
        .then()
        .block();
  }

  @Test
  void fiftyConcurrentReservationsOfOneUnitEachLeaveExactlyTenHeld() {
    Instant expires = Instant.now().plusSeconds(600);
    List<Boolean> results =
        Flux.range(0, 50)
            .flatMap(
                i ->
                    tx.transactional(
                        reservations.reserve(
                            UUID.randomUUID(),
                            "user-" + i,
                            List.of(new ReservationLine(PRODUCT, 1)),
                            Map.of("amount", "1.00", "currencyCode", "USD"),
                            expires)),
                50)
            .collectList()
            .block();
    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(10);
    assertThat(stock()).containsExactly(10, 10);
  }

  @Test
  void aRedeliveredOrderPlacedReservesOnceAndAPoisonEventIsDeadLettered() {
    UUID orderId = UUID.randomUUID();
    String event =
        json.writeValueAsString(
            Map.of(
                "orderId",
                orderId.toString(),
                "userId",
                "u1",
                "items",
                List.of(Map.of("productId", String.valueOf(PRODUCT), "quantity", 3)),
                "total",
                Map.of("amount", "3.00", "currencyCode", "USD")));
    UUID eventId = UUID.randomUUID();
    long parkedBefore = redis.opsForStream().size(streams.deadLetterOf("inventory")).block();
    publish(eventId, "OrderPlaced", orderId.toString(), event);
    publish(eventId, "OrderPlaced", orderId.toString(), event); // the relay published it twice
    publish(UUID.randomUUID(), "OrderPlaced", UUID.randomUUID().toString(), "{\"items\": []}");

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> {
          assertThat(stock()).containsExactly(10, 3);
          assertThat(outboxCount("StockReserved", orderId)).isEqualTo(1);
          assertThat(redis.opsForStream().size(streams.deadLetterOf("inventory")).block())
              .isEqualTo(parkedBefore + 1);
        });

    // Payment authorised: the three units leave stock for good.
    publish(
        UUID.randomUUID(),
        "PaymentAuthorized",
        orderId.toString(),
        "{\"orderId\": \"" + orderId + "\"}",
        "payments");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(stock()).containsExactly(7, 0));
    assertThat(outboxCount("StockCommitted", orderId)).isEqualTo(1);
  }

  @Test
  void aFailedPaymentReleasesTheHold() {
    UUID orderId = UUID.randomUUID();
    tx.transactional(
            reservations.reserve(
                orderId,
                "u2",
                List.of(new ReservationLine(PRODUCT, 4)),
                Map.of("amount", "4.00", "currencyCode", "USD"),
                Instant.now().plusSeconds(600)))
        .block();
    assertThat(stock()).containsExactly(10, 4);
    assertThat(tx.transactional(reservations.release(orderId, "PAYMENT_FAILED")).block()).isTrue();
    assertThat(tx.transactional(reservations.release(orderId, "PAYMENT_FAILED")).block()).isFalse();
    assertThat(stock()).containsExactly(10, 0);
  }

  private void publish(UUID id, String type, String aggregateId, String payload) {
    publish(id, type, aggregateId, payload, "orders");
  }

  private void publish(UUID id, String type, String aggregateId, String payload, String source) {
    redis
        .opsForStream()
        .add(
            StreamRecords.newRecord()
                .in(streams.eventsOf(source))
                .ofMap(
                    Map.of(
                        "id",
                        id.toString(),
                        "type",
                        type,
                        "aggregateId",
                        aggregateId,
                        "occurredAt",
                        Instant.now().toString(),
                        "payload",
                        payload)))
        .block();
  }

  private List<Integer> stock() {
    return db.sql("SELECT on_hand, reserved FROM stock_levels WHERE product_id = :p")
        .bind("p", PRODUCT)
        .map(row -> List.of(row.get("on_hand", Integer.class), row.get("reserved", Integer.class)))
        .one()
        .block();
  }

  private long outboxCount(String type, UUID orderId) {
    return db.sql("SELECT count(*) AS n FROM outbox WHERE type = :type AND aggregate_id = :id")
        .bind("type", type)
        .bind("id", orderId.toString())
        .map(row -> row.get("n", Long.class))
        .one()
        .block();
  }
}
