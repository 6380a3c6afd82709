package dev.storefront.payments.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.events.Amount;
import dev.storefront.events.inventory.StockReserved;
import dev.storefront.events.orders.OrderCancelled;
import dev.storefront.events.orders.OrderReconciliationRequested;
import dev.storefront.events.payments.PaymentAuthorized;
import dev.storefront.events.payments.PaymentFailed;
import dev.storefront.events.payments.PaymentStatusReported;
import dev.storefront.events.payments.PaymentVoided;
import dev.storefront.messaging.testing.TestEventBus;
import dev.storefront.payments.webhook.ProcessorWebhookController;
import dev.storefront.payments.webhook.WebhookSignature;
import dev.storefront.testsupport.ServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payments' saga steps on the real PostgreSQL and Kafka, against an in-memory card processor:
 * StockReserved creates the payment and its outcome is published; OrderCancelled stops a pending
 * payment, voids an authorised one, or keeps a late StockReserved from creating one; a webhook
 * after the cancellation changes nothing; reconciliation requests are answered with the payment as
 * it stands; a malformed StockReserved is dead-lettered.
 */
@ServiceTest
// Its processing loop must be the only one working on the shared payments_test tables.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PaymentSagaTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final FakeCardProcessor PROCESSOR = new FakeCardProcessor();

  @DynamicPropertySource
  static void processor(DynamicPropertyRegistry properties) {
    properties.add("payments.processor.url", PROCESSOR::url);
    properties.add("payments.processor.reconcile-after", () -> "300ms");
    properties.add("spring.test.webtestclient.timeout", () -> "30s");
  }

  @AfterAll
  static void stopProcessor() {
    PROCESSOR.close();
  }

  @Autowired TestEventBus bus;
  @Autowired DatabaseClient db;
  @Autowired WebTestClient web;
  @Autowired JsonMapper json;

  static StockReserved reserved(UUID orderId) {
    return new StockReserved(
        orderId, "u-pay", new Amount("25.00", "EUR"), Instant.now().plusSeconds(900));
  }

  @Test
  void reservedStockIsChargedOnceHoweverOftenItIsDelivered() {
    UUID orderId = UUID.randomUUID();
    PROCESSOR.decideAtCreation(orderId.toString(), "succeeded");
    UUID eventId = UUID.randomUUID();
    bus.send(reserved(orderId), eventId);
    bus.send(reserved(orderId), eventId);

    PaymentAuthorized authorized = bus.awaitPublished(PaymentAuthorized.class, orderId, WAIT);
    assertThat(authorized.amount()).isEqualTo(new Amount("25.00", "EUR"));
    assertThat(authorized.processorReference()).startsWith("pi_fake_");
    assertThat(column(orderId, "status")).contains("AUTHORIZED");
    assertThat(count("SELECT count(*) FROM payments WHERE order_id = :id", orderId)).isEqualTo(1);
  }

  @Test
  void aCancelledOrdersPendingPaymentIsStoppedAtTheProcessorAndFails() {
    UUID orderId = UUID.randomUUID();
    bus.send(reserved(orderId));
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(column(orderId, "intent_id")).isPresent());

    bus.send(new OrderCancelled(orderId, "u-pay", "no payment outcome within 4m"));
    PaymentFailed failed = bus.awaitPublished(PaymentFailed.class, orderId, WAIT);
    assertThat(failed.reason()).isEqualTo("order_cancelled");
    assertThat(column(orderId, "status")).contains("FAILED");
    assertThat(PROCESSOR.statusFor(orderId.toString())).contains("canceled");

    // The processor's late word on the intent does not bring the payment back.
    postWebhook(orderId, column(orderId, "intent_id").orElseThrow(), "25.00");
    assertThat(column(orderId, "status")).contains("FAILED");
  }

  @Test
  void aCancelledOrdersAuthorisedPaymentIsVoided() {
    UUID orderId = UUID.randomUUID();
    PROCESSOR.decideAtCreation(orderId.toString(), "succeeded");
    bus.send(reserved(orderId));
    bus.awaitPublished(PaymentAuthorized.class, orderId, WAIT);

    bus.send(new OrderCancelled(orderId, "u-pay", "stock not committed within 2m"));
    PaymentVoided voided = bus.awaitPublished(PaymentVoided.class, orderId, WAIT);
    assertThat(voided.reason()).isEqualTo("order_cancelled");
    assertThat(column(orderId, "status")).contains("VOIDED");
    assertThat(PROCESSOR.statusFor(orderId.toString())).contains("canceled");

    postWebhook(orderId, column(orderId, "intent_id").orElseThrow(), "25.00");
    assertThat(column(orderId, "status")).contains("VOIDED");
  }

  @Test
  void anOrderCancelledBeforeItsStockWasReservedGetsNoPayment() {
    UUID orderId = UUID.randomUUID();
    bus.send(new OrderCancelled(orderId, "u-pay", "no stock answer within 2m"));
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() ->
            assertThat(count("SELECT count(*) FROM cancelled_orders WHERE order_id = :id", orderId))
                .isEqualTo(1));
    UUID late = bus.send(reserved(orderId));
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() ->
            assertThat(count("SELECT count(*) FROM processed_messages WHERE event_id = :id", late))
                .isEqualTo(1));
    assertThat(count("SELECT count(*) FROM payments WHERE order_id = :id", orderId)).isZero();
    assertThat(PROCESSOR.statusFor(orderId.toString())).isEmpty();
  }

  @Test
  void reconciliationRequestsAreAnsweredWithThePaymentAsItStands() {
    UUID none = UUID.randomUUID();
    UUID pending = UUID.randomUUID();
    UUID declined = UUID.randomUUID();
    PROCESSOR.decideAtCreation(declined.toString(), "failed");
    bus.send(reserved(pending));
    bus.send(reserved(declined));
    bus.awaitPublished(PaymentFailed.class, declined, WAIT);
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(column(pending, "intent_id")).isPresent());

    for (UUID orderId : new UUID[] {none, pending, declined}) {
      bus.send(new OrderReconciliationRequested(orderId, "RESERVED"));
    }
    assertThat(report(none).status()).isEqualTo(PaymentStatusReported.NONE);
    assertThat(report(pending).status()).isEqualTo(PaymentStatusReported.PENDING);
    PaymentStatusReported failed = report(declined);
    assertThat(failed.status()).isEqualTo(PaymentStatusReported.FAILED);
    assertThat(failed.reason()).isEqualTo("card_declined");
  }

  @Test
  void aStockReservedWithoutATotalIsDeadLettered() {
    UUID orderId = UUID.randomUUID();
    bus.sendRaw(
        "inventory",
        "StockReserved",
        ("{\"orderId\":\"" + orderId + "\",\"userId\":\"u-pay\"}").getBytes(StandardCharsets.UTF_8),
        orderId.toString());
    assertThat(bus.awaitDeadLetter(orderId, WAIT).exceptionMessage().orElse(""))
        .contains("has no total");
    assertThat(count("SELECT count(*) FROM payments WHERE order_id = :id", orderId)).isZero();
  }

  private PaymentStatusReported report(UUID orderId) {
    return bus.awaitPublished(PaymentStatusReported.class, orderId, WAIT);
  }

  private void postWebhook(UUID orderId, String intentId, String amount) {
    WebhookSignature signature =
        new WebhookSignature("whsec_storefront_dev", Duration.ofMinutes(5));
    String body =
        json.writeValueAsString(
            Map.of(
                "id",
                "evt_" + UUID.randomUUID(),
                "type",
                "payment_intent.succeeded",
                "created",
                Instant.now().getEpochSecond(),
                "data",
                Map.of(
                    "object",
                    Map.of(
                        "id",
                        intentId,
                        "object",
                        "payment_intent",
                        "status",
                        "succeeded",
                        "amount",
                        amount,
                        "currency",
                        "EUR",
                        "reference",
                        orderId.toString()))));
    web.post()
        .uri("/webhooks/card-processor")
        .contentType(MediaType.APPLICATION_JSON)
        .header(ProcessorWebhookController.SIGNATURE_HEADER, signature.header(Instant.now(), body))
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();
  }

  private Optional<String> column(UUID orderId, String column) {
    return db.sql("SELECT " + column + " FROM payments WHERE order_id = :id")
        .bind("id", orderId)
        .map(row -> Optional.ofNullable(row.get(0, String.class)))
        .one()
        .blockOptional()
        .flatMap(value -> value);
  }

  private long count(String sql, UUID id) {
    return db.sql(sql).bind("id", id).map(row -> row.get(0, Long.class)).one().block();
  }
}
