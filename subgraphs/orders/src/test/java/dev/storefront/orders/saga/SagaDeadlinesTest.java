package dev.storefront.orders.saga;

import static dev.storefront.orders.order.OrderStatus.AUTHORIZED;
import static dev.storefront.orders.order.OrderStatus.CANCELLED;
import static dev.storefront.orders.order.OrderStatus.PENDING;
import static dev.storefront.orders.order.OrderStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.events.Amount;
import dev.storefront.events.inventory.StockReserved;
import dev.storefront.events.orders.OrderCancelled;
import dev.storefront.events.orders.OrderReconciliationRequested;
import dev.storefront.events.payments.PaymentAuthorized;
import dev.storefront.messaging.testing.TestEventBus;
import dev.storefront.orders.checkout.OrderPlacement;
import dev.storefront.orders.order.OrderRows;
import dev.storefront.testsupport.SubgraphTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * No order stays under way: the test settings (src/test/resources/config/application.yml) ask about
 * an order unmoved for 1 s and cancel it after 20 s in its status.
 */
@SubgraphTest
class SagaDeadlinesTest {

  static final Duration AFTER_DEADLINE = Duration.ofSeconds(45);

  @Autowired OrderPlacement placement;
  @Autowired OrderRows orders;
  @Autowired DatabaseClient db;
  @Autowired TestEventBus bus;
  @Autowired SagaDeadlines deadlines;

  SagaFixture saga;

  @BeforeEach
  void fixture() {
    saga = new SagaFixture(placement, orders, db);
  }

  @Test
  void aStalledOrderIsAskedAboutThenCancelledAtItsStatusDeadline() {
    UUID pending = saga.place("u-no-stock-answer");
    UUID authorized = saga.place("u-no-commit");
    bus.send(
        new StockReserved(
            authorized, "u-no-commit", new Amount("25.00", "EUR"), Instant.now().plusSeconds(900)));
    bus.send(
        new PaymentAuthorized(
            authorized, UUID.randomUUID(), "pi_test", new Amount("25.00", "EUR")));
    saga.awaitStatus(authorized, AUTHORIZED);

    OrderReconciliationRequested asked =
        bus.awaitPublished(OrderReconciliationRequested.class, pending, SagaFixture.WAIT);
    assertThat(asked.status()).isEqualTo("PENDING");
    assertThat(saga.status(pending)).isEqualTo(PENDING);

    org.awaitility.Awaitility.await()
        .atMost(AFTER_DEADLINE)
        .untilAsserted(() -> {
          assertThat(saga.status(pending)).isEqualTo(CANCELLED);
          assertThat(saga.status(authorized)).isEqualTo(CANCELLED);
        });
    assertThat(saga.order(pending).failureReason()).isEqualTo("no stock answer within 20s");
    assertThat(saga.order(authorized).failureReason()).isEqualTo("stock not committed within 20s");
    assertThat(saga.history(authorized)).containsExactly(PENDING, RESERVED, AUTHORIZED, CANCELLED);

    OrderCancelled cancelled = bus.awaitPublished(OrderCancelled.class, pending, SagaFixture.WAIT);
    assertThat(cancelled.userId()).isEqualTo("u-no-stock-answer");
    assertThat(cancelled.reason()).isEqualTo("no stock answer within 20s");
    assertThat(bus.awaitPublished(OrderCancelled.class, authorized, SagaFixture.WAIT).reason())
        .isEqualTo("stock not committed within 20s");
  }

  @Test
  void anOrderIsAskedAboutAtMostOncePerInterval() {
    UUID orderId = saga.place("u-asked-rarely");
    bus.awaitPublished(OrderReconciliationRequested.class, orderId, SagaFixture.WAIT);
    long soon = requests(orderId);
    // Many loop steps (every 200 ms) later: at most one more request per second.
    sleep(Duration.ofSeconds(3));
    long later = requests(orderId);
    assertThat(later - soon).isBetween(1L, 4L);
  }

  @Test
  void theFinalReasonsNameTheDeadline() {
    assertThat(SagaDeadlines.brief(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(SagaDeadlines.brief(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(SagaDeadlines.brief(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(deadlines.isRunning()).isTrue();
  }

  private long requests(UUID orderId) {
    return db.sql(
            "SELECT count(*) AS n FROM outbox WHERE type = 'OrderReconciliationRequested'"
                + " AND aggregate_id = :id")
        .bind("id", orderId.toString())
        .map(row -> row.get("n", Long.class))
        .one()
        .block();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
