package dev.storefront.sandbox.cardprocessor.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.sandbox.cardprocessor.SandboxTest;
import dev.storefront.sandbox.cardprocessor.WebhookReceiver;
import dev.storefront.sandbox.cardprocessor.WebhookReceiver.Delivery;
import dev.storefront.sandbox.cardprocessor.WebhookSignatures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PaymentIntentLifecycleTest extends SandboxTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private WebhookReceiver merchant;

  @BeforeEach
  void startMerchant() {
    merchant = WebhookReceiver.start();
    configure(Map.of("webhookUrl", merchant.url(), "latencyMs", 300));
  }

  @AfterEach
  void stopMerchant() {
    merchant.close();
  }

  @Test
  void aNewIntentIsProcessingThenSucceedsAndTheMerchantGetsASignedWebhook() {
    long before = Instant.now().getEpochSecond();
    JsonNode intent = created("key-1", "12.34", "order-1");

    assertThat(intent.path("id").asString()).matches("pi_[A-Za-z0-9]{24}");
    assertThat(intent.path("object").asString()).isEqualTo("payment_intent");
    assertThat(intent.path("status").asString()).isEqualTo("processing");
    assertThat(intent.path("amount").asString()).isEqualTo("12.34");
    assertThat(intent.path("currency").asString()).isEqualTo("EUR");
    assertThat(intent.path("reference").asString()).isEqualTo("order-1");
    assertThat(intent.path("created").asLong()).isBetween(before, before + 60);
    assertThat(intent.has("failure_code")).isTrue();
    assertThat(intent.get("failure_code").isNull()).isTrue();

    String id = intent.path("id").asString();
    await().atMost(PATIENCE).until(() -> status(id).equals("succeeded"));
    await().atMost(PATIENCE).until(() -> !merchant.deliveriesFor(id).isEmpty());

    Delivery delivery = merchant.deliveriesFor(id).getFirst();
    long signedAt =
        WebhookSignatures.verifiedTimestamp(delivery.signature(), delivery.body(), WEBHOOK_SECRET);
    assertThat(signedAt).as("signature %s verifies", delivery.signature()).isPositive();
    assertThat(signedAt).isBetween(before - 5, Instant.now().getEpochSecond() + 5);
    assertThat(
            WebhookSignatures.verifiedTimestamp(
                delivery.signature(), delivery.body(), "whsec_some_other_secret"))
        .isEqualTo(-1);
    assertThat(delivery.contentType()).startsWith("application/json");

    JsonNode event = delivery.event();
    assertThat(event.path("id").asString()).startsWith("evt_");
    assertThat(event.path("type").asString()).isEqualTo("payment_intent.succeeded");
    assertThat(event.path("created").asLong()).isGreaterThanOrEqualTo(before);
    JsonNode object = event.path("data").path("object");
    assertThat(object.path("id").asString()).isEqualTo(id);
    assertThat(object.path("status").asString()).isEqualTo("succeeded");
    assertThat(object.path("reference").asString()).isEqualTo("order-1");
  }

  @Test
  void withADeclineRateOfOneTheIntentFailsAsDeclinedAndTheMerchantIsTold() {
    configure(Map.of("declineRate", 1.0));
    String id = created("key-1", "5.00", "order-declined").path("id").asString();

    await().atMost(PATIENCE).until(() -> status(id).equals("failed"));
    assertThat(json(get(id)).path("failure_code").asString()).isEqualTo("card_declined");

    await().atMost(PATIENCE).until(() -> !merchant.deliveriesFor(id).isEmpty());
    Delivery delivery = merchant.deliveriesFor(id).getFirst();
    assertThat(delivery.eventType()).isEqualTo("payment_intent.payment_failed");
    assertThat(delivery.event().path("data").path("object").path("failure_code").asString())
        .isEqualTo("card_declined");
    assertThat(
            WebhookSignatures.verifiedTimestamp(
                delivery.signature(), delivery.body(), WEBHOOK_SECRET))
        .isPositive();
  }

  @Test
  void aCancelledIntentIsNeverDecidedAfterwards() throws InterruptedException {
    // Long enough for the cancel to come first even on a busy machine.
    configure(Map.of("latencyMs", 2_000));
    String id = created("key-1", "7.00", "order-cancelled").path("id").asString();

    JsonNode cancelled = json(cancel(id).expectStatus().isOk());
    assertThat(cancelled.path("id").asString()).isEqualTo(id);
    assertThat(cancelled.path("status").asString()).isEqualTo("canceled");
    // Cancelling again is harmless and answers the same intent.
    assertThat(json(cancel(id).expectStatus().isOk()).path("status").asString())
        .isEqualTo("canceled");

    // Past the latest decision time (2 s + 25 %).
    Thread.sleep(3_000);
    assertThat(status(id)).isEqualTo("canceled");
    List<String> events = merchant.deliveriesFor(id).stream().map(Delivery::eventType).toList();
    assertThat(events).containsExactly("payment_intent.canceled");
    assertThat(stats().path("succeeded").asLong()).isZero();
  }

  @Test
  void cancellingASucceededIntentVoidsTheAuthorisation() {
    configure(Map.of("latencyMs", 0));
    String id = created("key-1", "8.00", "order-voided").path("id").asString();
    await().atMost(PATIENCE).until(() -> status(id).equals("succeeded"));

    assertThat(json(cancel(id).expectStatus().isOk()).path("status").asString())
        .isEqualTo("canceled");
    await()
        .atMost(PATIENCE)
        .until(() ->
            merchant.deliveriesFor(id).stream()
                .map(Delivery::eventType)
                .toList()
                .equals(List.of("payment_intent.succeeded", "payment_intent.canceled")));
  }

  @Test
  void aFailedIntentCannotBeCancelled() {
    configure(Map.of("latencyMs", 0, "declineRate", 1.0));
    String id = created("key-1", "9.00", "order-failed").path("id").asString();
    await().atMost(PATIENCE).until(() -> status(id).equals("failed"));

    JsonNode refusal = json(cancel(id).expectStatus().isEqualTo(409));
    assertError(refusal, "invalid_request_error");
    assertThat(refusal.path("error").path("message").asString()).isEqualTo("intent already failed");
    assertThat(status(id)).isEqualTo("failed");
  }

  @Test
  void anUnknownIntentIsNotFound() {
    assertError(json(get("pi_unknown").expectStatus().isNotFound()), "invalid_request_error");
    assertError(json(cancel("pi_unknown").expectStatus().isNotFound()), "invalid_request_error");
  }
}
