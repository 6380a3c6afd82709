package dev.storefront.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.events.Amount;
import dev.storefront.events.inventory.ReservationStatusReported;
import dev.storefront.events.inventory.StockCommitted;
import dev.storefront.events.inventory.StockReleased;
import dev.storefront.events.inventory.StockReserved;
import dev.storefront.events.orders.OrderCancelled;
import dev.storefront.events.orders.OrderPlaced;
import dev.storefront.events.orders.OrderReconciliationRequested;
import dev.storefront.events.payments.PaymentAuthorized;
import dev.storefront.events.payments.PaymentFailed;
import dev.storefront.messaging.testing.TestEventBus;
import dev.storefront.testsupport.SubgraphTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Compensation and reconciliation in inventory: OrderCancelled gives back what the order held or
 * took, and keeps the order from taking stock again; OrderReconciliationRequested is answered with
 * the reservation as it stands.
 */
@SubgraphTest
class OrderCancellationTest {

  static final long PRODUCT = 990_002L;
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Amount TOTAL = new Amount("6.00", "USD");

  @Autowired DatabaseClient db;
  @Autowired TestEventBus bus;

  @BeforeEach
  void tenUnitsOnHand() {
    StockFixture.onHand(db, PRODUCT, 10);
  }

  OrderPlaced placed(UUID orderId, int units) {
    return new OrderPlaced(
        orderId, "u-cancel", List.of(new OrderPlaced.Item(PRODUCT, units, "2.00")), TOTAL);
  }

  UUID reserve(int units) {
    UUID orderId = UUID.randomUUID();
    bus.send(placed(orderId, units));
    bus.awaitPublished(StockReserved.class, orderId, WAIT);
    return orderId;
  }

  @Test
  void aCancelledOrderReleasesItsHold() {
    UUID orderId = reserve(3);
    assertThat(StockFixture.stock(db, PRODUCT)).containsExactly(10, 3);

    bus.send(new OrderCancelled(orderId, "u-cancel", "no payment outcome within 4m"));
    assertThat(bus.awaitPublished(StockReleased.class, orderId, WAIT).reason())
        .isEqualTo(StockReleased.ORDER_CANCELLED);
    assertThat(StockFixture.stock(db, PRODUCT)).containsExactly(10, 0);
    assertThat(StockFixture.reservationStatus(db, orderId)).isEqualTo("CANCELLED");

    // A payment authorised after all (payments voids it) takes nothing.
    UUID late = bus.send(new PaymentAuthorized(orderId, UUID.randomUUID(), "pi_late", TOTAL));
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(StockFixture.processed(db, late)).isTrue());
    bus.send(new OrderReconciliationRequested(orderId, "CANCELLED"));
    assertThat(bus.awaitPublished(ReservationStatusReported.class, orderId, WAIT).status())
        .isEqualTo(ReservationStatusReported.RELEASED);
    assertThat(StockFixture.stock(db, PRODUCT)).containsExactly(10, 0);
    assertThat(StockFixture.outboxCount(db, "StockCommitted", orderId)).isZero();
  }

  @Test
  void aCancelledOrderWhoseStockWasCommittedGetsItsUnitsBackOnHand() {
    UUID orderId = reserve(4);
    bus.send(new PaymentAuthorized(orderId, UUID.randomUUID(), "pi_paid", TOTAL));
    bus.awaitPublished(StockCommitted.class, orderId, WAIT);
    assertThat(StockFixture.stock(db, PRODUCT)).containsExactly(6, 0);

    bus.send(new OrderCancelled(orderId, "u-cancel", "stock not committed within 2m"));
    bus.awaitPublished(StockReleased.class, orderId, WAIT);
    assertThat(StockFixture.stock(db, PRODUCT)).containsExactly(10, 0);
    assertThat(StockFixture.reservationStatus(db, orderId)).isEqualTo("CANCELLED");
  }

  @Test
  void anOrderCancelledBeforeItsOrderPlacedArrivedReservesNothing() {
    UUID orderId = UUID.randomUUID();
    bus.send(new OrderCancelled(orderId, "u-cancel", "no stock answer within 2m"));
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(StockFixture.reservationStatus(db, orderId)).isEqualTo("CANCELLED"));

    bus.send(placed(orderId, 2)); // late, on the same partition: after the cancellation
    bus.send(new OrderReconciliationRequested(orderId, "PENDING"));
    assertThat(bus.awaitPublished(ReservationStatusReported.class, orderId, WAIT).status())
        .isEqualTo(ReservationStatusReported.RELEASED);
    assertThat(StockFixture.stock(db, PRODUCT)).containsExactly(10, 0);
    assertThat(StockFixture.outboxCount(db, "StockReserved", orderId)).isZero();
    assertThat(StockFixture.outboxCount(db, "StockReleased", orderId)).isZero();
  }

  @Test
  void reconciliationReportsEachReservationAsItStands() {
    UUID none = UUID.randomUUID();
    UUID held = reserve(1);
    UUID sold = reserve(1);
    UUID released = reserve(1);
    bus.send(new PaymentAuthorized(sold, UUID.randomUUID(), "pi_sold", TOTAL));
    bus.awaitPublished(StockCommitted.class, sold, WAIT);
    bus.send(new PaymentFailed(released, UUID.randomUUID(), "card_declined"));
    assertThat(bus.awaitPublished(StockReleased.class, released, WAIT).reason())
        .isEqualTo(StockReleased.PAYMENT_FAILED);

    for (UUID orderId : List.of(none, held, sold, released)) {
      bus.send(new OrderReconciliationRequested(orderId, "RESERVED"));
    }
    assertThat(report(none)).isEqualTo(ReservationStatusReported.NONE);
    assertThat(report(held)).isEqualTo(ReservationStatusReported.RESERVED);
    assertThat(report(sold)).isEqualTo(ReservationStatusReported.COMMITTED);
    assertThat(report(released)).isEqualTo(ReservationStatusReported.RELEASED);
  }

  private String report(UUID orderId) {
    return bus.awaitPublished(ReservationStatusReported.class, orderId, WAIT).status();
  }
}
