package dev.storefront.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.events.Amount;
import dev.storefront.events.inventory.StockCommitted;
import dev.storefront.events.inventory.StockReserved;
import dev.storefront.events.orders.OrderPlaced;
import dev.storefront.events.payments.PaymentAuthorized;
import dev.storefront.messaging.testing.TestEventBus;
import dev.storefront.testsupport.RouterRequests;
import dev.storefront.testsupport.SubgraphTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * Reservations on the real PostgreSQL, fed through the real Kafka broker: never more units than on
 * hand under concurrency, one reservation per order however often OrderPlaced arrives, and poison
 * events parked in the dead-letter topic.
 */
@SubgraphTest
class StockReservationTest {

  static final long PRODUCT = 990_001L;
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Amount TOTAL = new Amount("3.00", "USD");

  @Autowired DatabaseClient db;
  @Autowired StockReservations reservations;
  @Autowired TransactionalOperator tx;
  @Autowired TestEventBus bus;
  @Autowired HttpGraphQlTester graphQl;

  @BeforeEach
  void tenUnitsOnHand() {
    StockFixture.onHand(db, PRODUCT, 10);
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
                            new Amount("1.00", "USD"),
                            expires)),
                50)
            .collectList()
            .block();
    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(10);
    assertThat(StockFixture.stock(db, PRODUCT)).containsExactly(10, 10);
  }

  @Test
  void aRedeliveredOrderPlacedReservesOnceAndAPoisonEventIsDeadLettered() {
    UUID orderId = UUID.randomUUID();
    OrderPlaced placed =
        new OrderPlaced(orderId, "u1", List.of(new OrderPlaced.Item(PRODUCT, 3, "1.00")), TOTAL);
    UUID eventId = UUID.randomUUID();
    bus.send(placed, eventId);
    bus.send(placed, eventId); // the relay published it twice
    UUID poisoned = UUID.randomUUID();
    bus.sendRaw(
        "orders",
        "OrderPlaced",
        ("{\"orderId\":\"" + poisoned + "\",\"items\":[]}").getBytes(StandardCharsets.UTF_8),
        poisoned.toString());

    StockReserved reserved = bus.awaitPublished(StockReserved.class, orderId, WAIT);
    assertThat(reserved.total()).isEqualTo(TOTAL);
    assertThat(reserved.userId()).isEqualTo("u1");
    assertThat(bus.awaitDeadLetter(poisoned, WAIT).exceptionMessage().orElse(""))
        .contains("has no items");
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(StockFixture.stock(db, PRODUCT)).containsExactly(10, 3));
    assertThat(outboxCount("StockReserved", orderId)).isEqualTo(1);

    // Payment authorised: the three units leave stock for good.
    bus.send(new PaymentAuthorized(orderId, UUID.randomUUID(), "pi_1", TOTAL));
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(StockFixture.stock(db, PRODUCT)).containsExactly(7, 0));
    assertThat(bus.awaitPublished(StockCommitted.class, orderId, WAIT).afterExpiry()).isFalse();
  }

  @Test
  void aProductWithoutAStockRecordParksTheOrderUntilAPersonSetsItsStock() {
    long unknownProduct = 990_000_000L + (System.nanoTime() % 1_000_000);
    UUID orderId = UUID.randomUUID();
    OrderPlaced placed =
        new OrderPlaced(
            orderId, "u3", List.of(new OrderPlaced.Item(unknownProduct, 1, "3.00")), TOTAL);
    UUID eventId = bus.send(placed);

    TestEventBus.DeadLetter parked = bus.awaitDeadLetter(orderId, WAIT);
    assertThat(parked.exceptionMessage().orElse(""))
        .contains(
            "inventory has no stock record for product "
                + unknownProduct
                + ": set its stock level, then replay the dead letter");
    assertThat(outboxCount("StockReservationRejected", orderId)).isZero();

    // setStockLevel is an upsert; the replayed event (same id) then reserves.
    RouterRequests.as(graphQl, "stock-admin", "admin")
        .document("mutation($p: ID!) { setStockLevel(productId: $p, onHand: 5) { id } }")
        .variable("p", String.valueOf(unknownProduct))
        .execute()
        .path("setStockLevel.id")
        .entity(String.class)
        .isEqualTo(String.valueOf(unknownProduct));
    bus.send(placed, eventId);
    assertThat(bus.awaitPublished(StockReserved.class, orderId, WAIT).orderId()).isEqualTo(orderId);
    assertThat(StockFixture.stock(db, unknownProduct)).containsExactly(5, 1);
  }

  @Test
  void aFailedPaymentReleasesTheHold() {
    UUID orderId = UUID.randomUUID();
    tx.transactional(
            reservations.reserve(
                orderId,
                "u2",
                List.of(new ReservationLine(PRODUCT, 4)),
                new Amount("4.00", "USD"),
                Instant.now().plusSeconds(600)))
        .block();
    assertThat(StockFixture.stock(db, PRODUCT)).containsExactly(10, 4);
    assertThat(tx.transactional(reservations.release(orderId, "PAYMENT_FAILED")).block()).isTrue();
    assertThat(tx.transactional(reservations.release(orderId, "PAYMENT_FAILED")).block()).isFalse();
    assertThat(StockFixture.stock(db, PRODUCT)).containsExactly(10, 0);
  }

  private long outboxCount(String type, UUID orderId) {
    return StockFixture.outboxCount(db, type, orderId);
  }
}
