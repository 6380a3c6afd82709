package dev.storefront.payments.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testsupport.ServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed webhooks against real PostgreSQL: an outcome moves only the payment whose intent, amount
 * and currency it carries; anything else is recorded, answered 409 and changes nothing; a malformed
 * signature header is a 400.
 */
@ServiceTest
// Its processing loop (with no processor to call) must not work on PaymentSagaTest's payments.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
// The processor is never called here: the payments are inserted with their intents already known.
// A machine busy with other builds can take more than WebTestClient's default 5 s for the first
// request of a fresh context.
@org.springframework.test.context.TestPropertySource(
    properties = {
      "payments.processor.url=http://127.0.0.1:9",
      "spring.test.webtestclient.timeout=30s"
    })
class WebhookMatchingTest {

  static final String PATH = "/webhooks/card-processor";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired JsonMapper json;

  final WebhookSignature signature =
      new WebhookSignature("whsec_storefront_dev", Duration.ofMinutes(5));

  UUID orderA;
  UUID orderB;

  @BeforeEach
  void twoPendingPayments() {
    orderA = pendingPayment("pi_a_" + UUID.randomUUID(), "25.00", "EUR");
    orderB = pendingPayment("pi_b_" + UUID.randomUUID(), "99.90", "EUR");
  }

  @Test
  void anOutcomeForThePaymentsOwnIntentAmountAndCurrencyIsApplied() {
    post(succeeded(orderA, intentOf(orderA), "25.00", "EUR"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.result")
        .isEqualTo("processed");
    assertThat(status(orderA)).isEqualTo("AUTHORIZED");
  }

  @Test
  void anotherPaymentsIntentIsRecordedRefusedAndChangesNothing() {
    post(succeeded(orderA, intentOf(orderB), "25.00", "EUR"))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.result")
        .isEqualTo("intent is not the payment's own");
    assertThat(status(orderA)).isEqualTo("PENDING");
    assertThat(status(orderB)).isEqualTo("PENDING");
    assertThat(intentOf(orderA)).startsWith("pi_a_");
    assertThat(refusals(orderA)).containsEntry("reason", "intent is not the payment's own");
  }

  @Test
  void anotherAmountOrCurrencyIsRecordedRefusedAndChangesNothing() {
    post(succeeded(orderA, intentOf(orderA), "0.01", "EUR")).expectStatus().isEqualTo(409);
    post(failed(orderA, intentOf(orderA), "25.00", "USD")).expectStatus().isEqualTo(409);
    post(succeeded(orderA, intentOf(orderA), "25e0", "EUR")).expectStatus().isEqualTo(409);
    assertThat(status(orderA)).isEqualTo("PENDING");
    assertThat(refusalCount(orderA)).isEqualTo(3);
    // Refused events are not marked processed: the genuine one still applies afterwards.
    post(succeeded(orderA, intentOf(orderA), "25.0", "EUR")).expectStatus().isOk();
    assertThat(status(orderA)).isEqualTo("AUTHORIZED");
  }

  @Test
  void aPaymentWhoseIntentIsNotRecordedYetIsRetriedLaterNotRefused() {
    UUID order = pendingPayment(null, "10.00", "EUR");
    post(succeeded(order, "pi_not_yet", "10.00", "EUR"))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.result")
        .isEqualTo("the payment has no intent yet");
    assertThat(status(order)).isEqualTo("PENDING");
    assertThat(intentOf(order)).isNull();
    assertThat(refusalCount(order)).isZero();
  }

  @Test
  void malformedSignatureHeadersAre400() {
    String body = succeeded(orderA, intentOf(orderA), "25.00", "EUR");
    long now = Instant.now().getEpochSecond();
    for (String header :
        new String[] {
          "t=9223372036854775807,v1=00",
          "t=-9223372036854775808,v1=00",
          "t=99999999999999999999999999,v1=00",
          "t=" + now,
          "v1=" + "0".repeat(64),
          "t=abc,v1=" + "0".repeat(64),
          "t=" + now + ",v1=" + "zz".repeat(32),
          "t=" + now + ",v1=" + "0".repeat(2_000),
          ",,,=,=",
          "garbage"
        }) {
      post(body, header).expectStatus().isBadRequest().expectBody().jsonPath("$.result").exists();
    }
    assertThat(status(orderA)).isEqualTo("PENDING");
  }

  @Test
  void aWrongSignatureStaysRefused() {
    String body = succeeded(orderA, intentOf(orderA), "25.00", "EUR");
    String header =
        new WebhookSignature("whsec_other", Duration.ofMinutes(5)).header(Instant.now(), body);
    post(body, header)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.result")
        .isEqualTo("signature mismatch");
    assertThat(status(orderA)).isEqualTo("PENDING");
    assertThat(refusalCount(orderA)).isZero();
  }

  private WebTestClient.ResponseSpec post(String body) {
    return post(body, signature.header(Instant.now(), body));
  }

  private WebTestClient.ResponseSpec post(String body, String signatureHeader) {
    return web.post()
        .uri(PATH)
        .contentType(MediaType.APPLICATION_JSON)
        .header(ProcessorWebhookController.SIGNATURE_HEADER, signatureHeader)
        .bodyValue(body)
        .exchange();
  }

  private String succeeded(UUID order, String intent, String amount, String currency) {
    return event("payment_intent.succeeded", "succeeded", order, intent, amount, currency);
  }

  private String failed(UUID order, String intent, String amount, String currency) {
    return event("payment_intent.payment_failed", "failed", order, intent, amount, currency);
  }

  private String event(
      String type, String status, UUID order, String intent, String amount, String currency) {
    return json.writeValueAsString(
        Map.of(
            "id",
            "evt_" + UUID.randomUUID(),
            "type",
            type,
            "created",
            Instant.now().getEpochSecond(),
            "data",
            Map.of(
                "object",
                Map.of(
                    "id",
                    intent,
                    "object",
                    "payment_intent",
                    "status",
                    status,
                    "amount",
                    amount,
                    "currency",
                    currency,
                    "reference",
                    order.toString()))));
  }

  private UUID pendingPayment(String intentId, String amount, String currency) {
    UUID order = UUID.randomUUID();
    var insert =
        db.sql(
                "INSERT INTO payments (id, order_id, user_id, amount, currency_code, status, intent_id,"
                    + " next_attempt_at, deadline_at) VALUES (:id, :order, 'user-1', :amount::numeric,"
                    + " :currency, 'PENDING', :intent, now() + interval '1 hour',"
                    + " now() + interval '1 hour')")
            .bind("id", UUID.randomUUID())
            .bind("order", order)
            .bind("amount", amount)
            .bind("currency", currency);
    (intentId == null ? insert.bindNull("intent", String.class) : insert.bind("intent", intentId))
        .then()
        .block();
    return order;
  }

  private String status(UUID order) {
    return column(order, "status");
  }

  private String intentOf(UUID order) {
    return column(order, "intent_id");
  }

  private String column(UUID order, String column) {
    return db.sql("SELECT " + column + " FROM payments WHERE order_id = :order")
        .bind("order", order)
        .map(row -> Optional.ofNullable(row.get(0, String.class)))
        .one()
        .block()
        .orElse(null);
  }

  private Map<String, Object> refusals(UUID order) {
    return db.sql("SELECT reason, intent_id FROM refused_webhooks WHERE order_id = :order LIMIT 1")
        .bind("order", order)
        .fetch()
        .one()
        .block();
  }

  private long refusalCount(UUID order) {
    return db.sql("SELECT count(*) FROM refused_webhooks WHERE order_id = :order")
        .bind("order", order)
        .map(row -> row.get(0, Long.class))
        .one()
        .block();
  }
}
