package dev.storefront.orders.saga;

import static dev.storefront.orders.order.OrderStatus.AUTHORIZED;
import static dev.storefront.orders.order.OrderStatus.CANCELLED;
import static dev.storefront.orders.order.OrderStatus.CONFIRMED;
import static dev.storefront.orders.order.OrderStatus.PAYMENT_FAILED;
import static dev.storefront.orders.order.OrderStatus.PENDING;
import static dev.storefront.orders.order.OrderStatus.RESERVED;
import static dev.storefront.orders.saga.SagaFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.events.inventory.ReservationStatusReported;
import dev.storefront.events.orders.OrderCancelled;
import dev.storefront.events.orders.OrderConfirmed;
import dev.storefront.events.payments.PaymentStatusReported;
import dev.storefront.messaging.testing.TestEventBus;
import dev.storefront.orders.checkout.OrderPlacement;
import dev.storefront.orders.order.OrderRows;
import dev.storefront.testsupport.SubgraphTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What inventory's and payments' reports on a stalled order do to it: the state they report is
 * taken as if its event had arrived (a lost or parked event heals); NONE and PENDING leave the
 * order to its deadline.
 */
@SubgraphTest
class ReconciliationAnswersTest {

  @Autowired OrderPlacement placement;
  @Autowired OrderRows orders;
  @Autowired DatabaseClient db;
  @Autowired TestEventBus bus;

  SagaFixture saga;

  @BeforeEach
  void fixture() {
    saga = new SagaFixture(placement, orders, db);
  }

  @Test
  void aReservationReportedReservedMovesAPendingOrder() {
    UUID orderId = saga.place("u-report-reserved");
    bus.send(new ReservationStatusReported(orderId, ReservationStatusReported.RESERVED));
    saga.awaitStatus(orderId, RESERVED);
  }

  @Test
  void aReservationReportedCommittedConfirmsThroughTheMissedSteps() {
    UUID orderId = saga.place("u-report-committed");
    bus.send(new ReservationStatusReported(orderId, ReservationStatusReported.COMMITTED));
    saga.awaitStatus(orderId, CONFIRMED);
    assertThat(saga.history(orderId)).containsExactly(PENDING, RESERVED, AUTHORIZED, CONFIRMED);
    assertThat(bus.awaitPublished(OrderConfirmed.class, orderId, WAIT).items()).hasSize(1);
  }

  @Test
  void aReservationReportedReleasedCancelsAnUnpaidOrder() {
    UUID orderId = saga.place("u-report-released");
    bus.send(new ReservationStatusReported(orderId, ReservationStatusReported.RELEASED));
    saga.awaitStatus(orderId, CANCELLED);
    assertThat(bus.awaitPublished(OrderCancelled.class, orderId, WAIT).reason())
        .startsWith("stock released");
  }

  @Test
  void aPaymentReportedAuthorizedOrFailedMovesTheOrder() {
    UUID paid = saga.place("u-report-paid");
    UUID declined = saga.place("u-report-declined");
    bus.send(new PaymentStatusReported(paid, PaymentStatusReported.AUTHORIZED, null));
    bus.send(new PaymentStatusReported(declined, PaymentStatusReported.FAILED, "card_declined"));
    saga.awaitStatus(paid, AUTHORIZED);
    saga.awaitStatus(declined, PAYMENT_FAILED);
    assertThat(saga.history(paid)).containsExactly(PENDING, RESERVED, AUTHORIZED);
    assertThat(saga.order(declined).failureReason()).isEqualTo("payment failed: card_declined");
  }

  @Test
  void noPaymentOrAPendingOneLeavesTheOrderToItsDeadline() {
    UUID orderId = saga.place("u-report-none");
    bus.send(new ReservationStatusReported(orderId, ReservationStatusReported.NONE));
    bus.send(new PaymentStatusReported(orderId, PaymentStatusReported.NONE, null));
    bus.send(new PaymentStatusReported(orderId, PaymentStatusReported.PENDING, null));
    // Same topic and key, so handled after the reports above: only this one moves the order.
    bus.send(new PaymentStatusReported(orderId, PaymentStatusReported.AUTHORIZED, null));
    saga.awaitStatus(orderId, AUTHORIZED);
    assertThat(saga.history(orderId)).containsExactly(PENDING, RESERVED, AUTHORIZED);
  }
}
