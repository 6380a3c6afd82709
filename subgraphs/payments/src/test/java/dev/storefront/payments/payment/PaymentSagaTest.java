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
import dev.storefront.payments.processor.CardProcessorSandboxProcess;
import dev.storefront.payments.processor.CardProcessorSandboxProcess.SandboxIntent;
import dev.storefront.payments.webhook.ProcessorWebhookController;
import dev.storefront.payments.webhook.WebhookSignature;
import dev.storefront.testsupport.ServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payments' saga steps on the real PostgreSQL and Kafka, against the real card processor sandbox
 * (its jar, run by {@link CardProcessorSandboxProcess}): StockReserved creates the payment, whose
 * intent the sandbox decides and reports in a signed webhook, and its outcome is published;
 * OrderCancelled stops a pending payment, voids an authorised one, or keeps a late StockReserved
 * from creating one; a webhook after the cancellation changes nothing; reconciliation requests are
 * answered with the payment as it stands; a malformed StockReserved is dead-lettered.
 *
 * <p>How the sandbox decides an intent is set with its own knobs: by default 200 ms after creation
 * it succeeds; {@link #STAYS_PROCESSING} keeps it {@code processing}; a decline rate of 1 declines
 * it. Payments never asks the sandbox about an intent here (reconcile-after is longer than any
 * test), so every outcome comes through the sandbox's webhooks.
 */
@ServiceTest
// Its processing loop must be the only one working on the shared payments_test tables.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PaymentSagaTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  /** The sandbox's latency that keeps an intent {@code processing} for longer than any test. */
  static final Map<String, Object> STAYS_PROCESSING = Map.of("latencyMs", 600_000);

  @RegisterExtension
  static final CardProcessorSandboxProcess SANDBOX = new CardProcessorSandboxProcess();

  @DynamicPropertySource
  static void processor(DynamicPropertyRegistry properties) {
    properties.add("payments.processor.url", SANDBOX::url);
    properties.add("payments.processor.api-key", SANDBOX::apiKey);
    properties.add("payments.processor.webhook-secret", SANDBOX::webhookSecret);
    // Outcomes must come through the sandbox's webhooks, not from payments asking for them.
    properties.add("payments.processor.reconcile-after", () -> "10m");
    properties.add("spring.test.webtestclient.timeout", () -> "30s");
  }

  @Autowired TestEventBus bus;
  @Autowired DatabaseClient db;
  @Autowired WebTestClient web;
  @Autowired JsonMapper json;
  @LocalServerPort int port;

  /** Every test starts from the sandbox's start settings, its webhooks going to this payments. */
  @BeforeEach
  void resetSandbox() {
    SANDBOX.reset("http://127.0.0.1:" + port + "/webhooks/card-processor");
  }

  static StockReserved reserved(UUID orderId) {
    return new StockReserved(
        orderId, "u-pay", new Amount("25.00", "EUR"), Instant.now().plusSeconds(900));
  }

  @Test
  void reservedStockIsChargedOnceHoweverOftenItIsDelivered() {
    UUID orderId = UUID.randomUUID();
    UUID eventId = UUID.randomUUID();
    bus.send(reserved(orderId), eventId);
    bus.send(reserved(orderId), eventId);

    PaymentAuthorized authorized = bus.awaitPublished(PaymentAuthorized.class, orderId, WAIT);
    assertThat(authorized.amount()).isEqualTo(new Amount("25.00", "EUR"));
    assertThat(column(orderId, "status")).contains("AUTHORIZED");
    assertThat(count("SELECT count(*) FROM payments WHERE order_id = :id", orderId)).isEqualTo(1);
    // One intent at the processor, the one the authorisation names.
    List<SandboxIntent> intents = SANDBOX.intents(orderId.toString());
    assertThat(intents).hasSize(1);
    assertThat(intents.getFirst().id()).isEqualTo(authorized.processorReference());
    assertThat(intents.getFirst().status()).isEqualTo("succeeded");
    assertThat(intents.getFirst().amount()).isEqualTo("25.00");
    assertThat(intents.getFirst().currency()).isEqualTo("EUR");
  }

  @Test
  void aCancelledOrdersPendingPaymentIsStoppedAtTheProcessorAndFails() {
    SANDBOX.configure(STAYS_PROCESSING);
    UUID orderId = UUID.randomUUID();
    bus.send(reserved(orderId));
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(column(orderId, "intent_id")).isPresent());
    assertThat(sandboxStatus(orderId)).contains("processing");

    bus.send(new OrderCancelled(orderId, "u-pay", "no payment outcome within 4m"));
    PaymentFailed failed = bus.awaitPublished(PaymentFailed.class, orderId, WAIT);
    assertThat(failed.reason()).isEqualTo("order_cancelled");
    assertThat(column(orderId, "status")).contains("FAILED");
    assertThat(sandboxStatus(orderId)).contains("canceled");

    // The processor's late word on the intent (a success delivered out of order) does not bring the
    // payment back. The sandbox never decides a cancelled intent, so the test signs this webhook
    // itself, with the sandbox's secret.
    postWebhook(orderId, column(orderId, "intent_id").orElseThrow(), "25.00");
    assertThat(column(orderId, "status")).contains("FAILED");
  }

  @Test
  void aCancelledOrdersAuthorisedPaymentIsVoided() {
    UUID orderId = UUID.randomUUID();
    bus.send(reserved(orderId));
    bus.awaitPublished(PaymentAuthorized.class, orderId, WAIT);
    assertThat(sandboxStatus(orderId)).contains("succeeded");

    bus.send(new OrderCancelled(orderId, "u-pay", "stock not committed within 2m"));
    PaymentVoided voided = bus.awaitPublished(PaymentVoided.class, orderId, WAIT);
    assertThat(voided.reason()).isEqualTo("order_cancelled");
    assertThat(column(orderId, "status")).contains("VOIDED");
    assertThat(sandboxStatus(orderId)).contains("canceled");

    postWebhook(orderId, column(orderId, "intent_id").orElseThrow(), "25.00");
    assertThat(column(orderId, "status")).contains("VOIDED");
  }

  @Test
  void aVoidTheProcessorRefusesIsParkedNotRetriedEverySecond() {
    UUID orderId = UUID.randomUUID();
    bus.send(reserved(orderId));
    bus.awaitPublished(PaymentAuthorized.class, orderId, WAIT);
    // A restarted sandbox has forgotten every intent: it answers 404 to the void.
    resetSandbox();

    bus.send(new OrderCancelled(orderId, "u-pay", "stock not committed within 5m"));
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() ->
            assertThat(
                    count(
                        "SELECT count(*) FROM payments WHERE order_id = :id AND cancel_requested"
                            + " AND next_attempt_at > now() + interval '50 minutes'",
                        orderId))
                .isEqualTo(1));
    long attempts = count("SELECT attempts::bigint FROM payments WHERE order_id = :id", orderId);
    Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
    assertThat(count("SELECT attempts::bigint FROM payments WHERE order_id = :id", orderId))
        .as("attempts after 3 s")
        .isEqualTo(attempts);
    // Nothing is claimed that did not happen: still authorised, no void published.
    assertThat(column(orderId, "status")).contains("AUTHORIZED");
    assertThat(
            count(
                "SELECT count(*) FROM outbox WHERE aggregate_id = CAST(:id AS text)"
                    + " AND type = 'PaymentVoided'",
                orderId))
        .isZero();
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
    assertThat(SANDBOX.intents(orderId.toString())).isEmpty();
  }

  @Test
  void reconciliationRequestsAreAnsweredWithThePaymentAsItStands() {
    UUID none = UUID.randomUUID();
    UUID pending = UUID.randomUUID();
    UUID declined = UUID.randomUUID();
    // The sandbox's latency is read when an intent is created, its decline rate when it is decided.
    SANDBOX.configure(STAYS_PROCESSING);
    bus.send(reserved(pending));
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(column(pending, "intent_id")).isPresent());
    SANDBOX.configure(Map.of("latencyMs", 200, "declineRate", 1.0));
    bus.send(reserved(declined));
    bus.awaitPublished(PaymentFailed.class, declined, WAIT);
    assertThat(sandboxStatus(pending)).contains("processing");
    assertThat(SANDBOX.intents(declined.toString()))
        .singleElement()
        .satisfies(intent -> {
          assertThat(intent.status()).isEqualTo("failed");
          assertThat(intent.failureCode()).isEqualTo("card_declined");
        });

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

  /** The status of the order's intent at the sandbox, if payments created one. */
  private Optional<String> sandboxStatus(UUID orderId) {
    return SANDBOX.intents(orderId.toString()).stream().map(SandboxIntent::status).findFirst();
  }

  private void postWebhook(UUID orderId, String intentId, String amount) {
    WebhookSignature signature =
        new WebhookSignature(SANDBOX.webhookSecret(), Duration.ofMinutes(5));
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
