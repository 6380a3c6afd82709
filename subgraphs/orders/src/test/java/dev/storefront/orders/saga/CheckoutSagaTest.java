package dev.storefront.orders.saga;

import static dev.storefront.orders.order.OrderStatus.AUTHORIZED;
import static dev.storefront.orders.order.OrderStatus.CANCELLED;
import static dev.storefront.orders.order.OrderStatus.CONFIRMED;
import static dev.storefront.orders.order.OrderStatus.PAYMENT_FAILED;
import static dev.storefront.orders.order.OrderStatus.PENDING;
import static dev.storefront.orders.order.OrderStatus.REJECTED;
import static dev.storefront.orders.order.OrderStatus.RESERVED;
import static dev.storefront.orders.saga.SagaFixture.PRODUCT;
import static dev.storefront.orders.saga.SagaFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.events.Amount;
import dev.storefront.events.inventory.StockCommitted;
import dev.storefront.events.inventory.StockReleased;
import dev.storefront.events.inventory.StockReservationRejected;
import dev.storefront.events.inventory.StockReserved;
import dev.storefront.events.orders.OrderCancelled;
import dev.storefront.events.orders.OrderConfirmed;
import dev.storefront.events.orders.OrderPlaced;
import dev.storefront.events.payments.PaymentAuthorized;
import dev.storefront.events.payments.PaymentFailed;
import dev.storefront.messaging.testing.TestEventBus;
import dev.storefront.orders.checkout.OrderPlacement;
import dev.storefront.orders.order.OrderRows;
import dev.storefront.testsupport.SubgraphTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The saga's steps in orders on the real PostgreSQL and Kafka: each event of inventory and payments
 * (sent as they would publish it) moves the order, in whatever order the two topics are read; a
 * redelivered event is handled once and a malformed one is dead-lettered, leaving the order where
 * it was.
 */
@SubgraphTest
class CheckoutSagaTest {

  @Autowired OrderPlacement placement;
  @Autowired OrderRows orders;
  @Autowired DatabaseClient db;
  @Autowired TestEventBus bus;

  SagaFixture saga;

  @BeforeEach
  void fixture() {
    saga = new SagaFixture(placement, orders, db);
  }

  static StockReserved reserved(UUID orderId) {
    return new StockReserved(
        orderId, "u-saga", new Amount("25.00", "EUR"), Instant.now().plusSeconds(900));
  }

  static PaymentAuthorized authorized(UUID orderId) {
    return new PaymentAuthorized(orderId, UUID.randomUUID(), "pi_test", new Amount("25.00", "EUR"));
  }

  @Test
  void aPaidOrderMovesStepByStepToConfirmedAndTellsTheCart() {
    UUID orderId = saga.place("u-steps");
    OrderPlaced placed = bus.awaitPublished(OrderPlaced.class, orderId, WAIT);
    assertThat(placed.items()).containsExactly(new OrderPlaced.Item(PRODUCT, 2, "12.50"));
    assertThat(placed.total()).isEqualTo(new Amount("25.00", "EUR"));
    assertThat(placed.userId()).isEqualTo("u-steps");

    bus.send(reserved(orderId));
    saga.awaitStatus(orderId, RESERVED);
    bus.send(authorized(orderId));
    saga.awaitStatus(orderId, AUTHORIZED);
    bus.send(new StockCommitted(orderId, false));
    saga.awaitStatus(orderId, CONFIRMED);

    OrderConfirmed confirmed = bus.awaitPublished(OrderConfirmed.class, orderId, WAIT);
    assertThat(confirmed.userId()).isEqualTo("u-steps");
    assertThat(confirmed.items()).containsExactly(new OrderConfirmed.Item(PRODUCT, 2));
    // The cart takes out only what was in it when checkout read it.
    assertThat(confirmed.cartUpdatedAt()).isEqualTo(SagaFixture.CART_UPDATED_AT);
    assertThat(saga.history(orderId)).containsExactly(PENDING, RESERVED, AUTHORIZED, CONFIRMED);
  }

  @Test
  void aCommitReadBeforeTheOtherStepsConfirmsThroughThem() {
    UUID orderId = saga.place("u-commit-first");
    bus.send(new StockCommitted(orderId, false));
    saga.awaitStatus(orderId, CONFIRMED);
    assertThat(saga.history(orderId)).containsExactly(PENDING, RESERVED, AUTHORIZED, CONFIRMED);
  }

  @Test
  void shortStockRejectsTheOrderNamingTheProducts() {
    UUID orderId = saga.place("u-short");
    bus.send(
        new StockReservationRejected(
            orderId,
            "INSUFFICIENT_STOCK",
            List.of(new StockReservationRejected.Shortage(PRODUCT, 2, 1))));
    saga.awaitStatus(orderId, REJECTED);
    assertThat(saga.order(orderId).failureReason())
        .isEqualTo("not enough stock: product 4711 (2 requested, 1 available)");
  }

  @Test
  void aDeclinedPaymentFailsTheOrderOnceHoweverOftenItIsDelivered() {
    UUID orderId = saga.place("u-declined");
    bus.send(reserved(orderId));
    saga.awaitStatus(orderId, RESERVED);
    UUID eventId = UUID.randomUUID();
    PaymentFailed failed = new PaymentFailed(orderId, UUID.randomUUID(), "card_declined");
    bus.send(failed, eventId);
    bus.send(failed, eventId); // the relay published it twice
    saga.awaitStatus(orderId, PAYMENT_FAILED);
    // The redelivery is recognised by its id: one processed row, one history entry.
    assertThat(saga.order(orderId).failureReason()).isEqualTo("payment failed: card_declined");
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(processed(eventId)).isEqualTo(1));
    assertThat(saga.history(orderId)).containsExactly(PENDING, RESERVED, PAYMENT_FAILED);
  }

  @Test
  void stockReleasedBeforeThePaymentCancelsTheOrder() {
    UUID orderId = saga.place("u-expired");
    bus.send(reserved(orderId));
    saga.awaitStatus(orderId, RESERVED);
    bus.send(new StockReleased(orderId, StockReleased.EXPIRED));
    saga.awaitStatus(orderId, CANCELLED);
    assertThat(saga.order(orderId).failureReason()).isEqualTo("stock released: EXPIRED");
    OrderCancelled cancelled = bus.awaitPublished(OrderCancelled.class, orderId, WAIT);
    assertThat(cancelled.userId()).isEqualTo("u-expired");
    assertThat(cancelled.reason()).isEqualTo("stock released: EXPIRED");
  }

  @Test
  void stockReleasedOfAPaidOrderOrForAFailedPaymentLeavesTheOrderAlone() {
    UUID paid = saga.place("u-paid-expired");
    bus.send(reserved(paid));
    bus.send(authorized(paid));
    saga.awaitStatus(paid, AUTHORIZED);
    UUID failing = saga.place("u-failing");
    bus.send(reserved(failing));
    saga.awaitStatus(failing, RESERVED);

    // Same topic and key as the commits after them: handled before them, in order.
    bus.send(new StockReleased(paid, StockReleased.EXPIRED));
    bus.send(new StockReleased(failing, StockReleased.PAYMENT_FAILED));
    bus.send(new StockCommitted(paid, true));
    bus.send(new StockCommitted(failing, false));

    saga.awaitStatus(paid, CONFIRMED);
    saga.awaitStatus(failing, CONFIRMED);
  }

  @Test
  void aMalformedEventIsDeadLetteredAndTheOrderStaysWhereItWas() {
    UUID orderId = saga.place("u-poison");
    bus.sendRaw(
        "inventory",
        "StockReservationRejected",
        ("{\"orderId\":\"" + orderId + "\",\"shortages\":\"not a list\"}")
            .getBytes(StandardCharsets.UTF_8),
        orderId.toString());
    TestEventBus.DeadLetter parked = bus.awaitDeadLetter(orderId, WAIT);
    assertThat(parked.type()).contains("StockReservationRejected");
    assertThat(saga.status(orderId)).isEqualTo(PENDING);

    // The partition is not blocked: the next event of the order is handled.
    bus.send(reserved(orderId));
    saga.awaitStatus(orderId, RESERVED);
    assertThat(saga.history(orderId)).containsExactly(PENDING, RESERVED);
  }

  private long processed(UUID eventId) {
    return db.sql("SELECT count(*) AS n FROM processed_messages WHERE event_id = :id")
        .bind("id", eventId)
        .map(row -> row.get("n", Long.class))
        .one()
        .block();
  }
}
