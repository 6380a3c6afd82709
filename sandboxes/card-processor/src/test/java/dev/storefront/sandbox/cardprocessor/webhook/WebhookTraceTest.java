package dev.storefront.sandbox.cardprocessor.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.sandbox.cardprocessor.SandboxTest;
import dev.storefront.sandbox.cardprocessor.WebhookReceiver;
import dev.storefront.sandbox.cardprocessor.WebhookReceiver.Delivery;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The merchant's trace runs from its API call through the sandbox into the webhook it gets. */
class WebhookTraceTest extends SandboxTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private WebhookReceiver merchant;

  @BeforeEach
  void startMerchant() {
    merchant = WebhookReceiver.start();
  }

  @AfterEach
  void stopMerchant() {
    merchant.close();
  }

  @Test
  void theWebhookForAnIntentCarriesTheTraceOfTheCallThatCreatedIt() {
    configure(Map.of("webhookUrl", merchant.url(), "latencyMs", 50));

    String id = createdInTrace("key-1", "order-1").path("id").asString();

    await().atMost(Duration.ofSeconds(20)).until(() -> !merchant.deliveriesFor(id).isEmpty());
    String traceParent = merchant.deliveriesFor(id).getFirst().traceParent();
    assertThat(traceParent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    assertThat(traceParent.split("-")[1]).isEqualTo(TRACE_ID);
    // A span of the sandbox's own, not the caller's span echoed back.
    assertThat(traceParent.split("-")[2]).isNotEqualTo("00f067aa0ba902b7");
  }

  @Test
  void anIntentCreatedWithoutATraceStillGetsAWebhookWithATraceOfItsOwn() {
    configure(Map.of("webhookUrl", merchant.url(), "latencyMs", 0));

    String id = created("key-2", "5.00", "order-2").path("id").asString();

    await().atMost(Duration.ofSeconds(20)).until(() -> !merchant.deliveriesFor(id).isEmpty());
    assertThat(merchant.deliveriesFor(id))
        .extracting(Delivery::traceParent)
        .allSatisfy(value -> assertThat(value).doesNotContain(TRACE_ID).startsWith("00-"));
  }

  private tools.jackson.databind.JsonNode createdInTrace(String key, String reference) {
    return json(
        web.post()
            .uri("/v1/payment_intents")
            .header("Authorization", "Bearer " + API_KEY)
            .header("Idempotency-Key", key)
            .header("traceparent", CALLER)
            .bodyValue(Map.of("amount", "12.34", "currency", "EUR", "reference", reference))
            .exchange()
            .expectStatus()
            .isCreated());
  }
}
