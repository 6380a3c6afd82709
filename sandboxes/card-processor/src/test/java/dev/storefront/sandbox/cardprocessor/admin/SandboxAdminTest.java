package dev.storefront.sandbox.cardprocessor.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.sandbox.cardprocessor.SandboxTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class SandboxAdminTest extends SandboxTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  void theConfigStartsFromTheSettingsAndChangesOnlyTheFieldsGiven() {
    JsonNode initial = json(admin.get().uri("/sandbox/config").exchange().expectStatus().isOk());
    assertThat(initial.path("latencyMs").asLong()).isEqualTo(200);
    assertThat(initial.path("apiLatencyMs").asLong()).isZero();
    assertThat(initial.path("declineRate").asDouble()).isZero();
    assertThat(initial.path("errorRate").asDouble()).isZero();
    assertThat(initial.path("outage").asBoolean()).isFalse();
    assertThat(initial.path("webhookUrl").asString()).isEqualTo(NOWHERE);

    JsonNode changed = configure(Map.of("declineRate", 0.3, "apiLatencyMs", 5));
    assertThat(changed.path("declineRate").asDouble()).isEqualTo(0.3);
    assertThat(changed.path("apiLatencyMs").asLong()).isEqualTo(5);
    assertThat(changed.path("latencyMs").asLong()).isEqualTo(200);
    assertThat(changed.path("webhookUrl").asString()).isEqualTo(NOWHERE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"declineRate\": 1.5}",
        "{\"declineRate\": -0.1}",
        "{\"errorRate\": 2}",
        "{\"latencyMs\": -1}",
        "{\"apiLatencyMs\": -5}",
        "{\"webhookUrl\": \"ftp://127.0.0.1/x\"}",
        "{\"webhookUrl\": \"not a url\"}",
        "{\"latencyMs\": \"soon\"}",
        "{\"declinerate\": 0.5}",
        "[]"
      })
  void anInvalidChangeIsRefusedAndChangesNothing(String change) {
    JsonNode before = json(admin.get().uri("/sandbox/config").exchange());
    JsonNode refusal =
        json(
            admin
                .put()
                .uri("/sandbox/config")
                .header("Content-Type", "application/json")
                .bodyValue(change)
                .exchange()
                .expectStatus()
                .isBadRequest());
    assertError(refusal, "invalid_request_error");
    assertThat(json(admin.get().uri("/sandbox/config").exchange())).isEqualTo(before);
  }

  @Test
  void intentsCanBeListedByReference() {
    created("key-1", "1.00", "order-a");
    created("key-2", "2.00", "order-a");
    created("key-3", "3.00", "order-b");

    assertThat(intentsWithReference("order-a"))
        .hasSize(2)
        .allSatisfy(intent -> assertThat(intent.path("reference").asString()).isEqualTo("order-a"));
    assertThat(intentsWithReference("order-c")).isEmpty();
    assertThat(json(admin.get().uri("/sandbox/payment_intents").exchange())).hasSize(3);
  }

  @Test
  void statsCountIntentsByStatus() {
    configure(Map.of("latencyMs", 0, "declineRate", 1.0));
    String failed = created("key-1", "1.00", "order-1").path("id").asString();
    await().atMost(PATIENCE).until(() -> status(failed).equals("failed"));
    configure(Map.of("declineRate", 0.0));
    String succeeded = created("key-2", "1.00", "order-2").path("id").asString();
    await().atMost(PATIENCE).until(() -> status(succeeded).equals("succeeded"));
    configure(Map.of("latencyMs", 60_000));
    created("key-3", "1.00", "order-3");
    cancel(created("key-4", "1.00", "order-4").path("id").asString()).expectStatus().isOk();

    JsonNode stats = stats();
    assertThat(stats.path("intents").asLong()).isEqualTo(4);
    assertThat(stats.path("processing").asLong()).isEqualTo(1);
    assertThat(stats.path("succeeded").asLong()).isEqualTo(1);
    assertThat(stats.path("failed").asLong()).isEqualTo(1);
    assertThat(stats.path("canceled").asLong()).isEqualTo(1);
    assertThat(stats.has("webhooksDelivered")).isTrue();
    assertThat(stats.has("webhooksFailedAttempts")).isTrue();
  }

  @Test
  void aResetForgetsIntentsAndKeysAndRestoresTheSettings() {
    configure(Map.of("latencyMs", 0));
    created("key-1", "1.00", "order-1");
    configure(Map.of("outage", true, "declineRate", 0.5, "webhookUrl", "http://127.0.0.1:1/x"));
    // The webhook went to the test default, where nothing listens: failed attempts pile up.
    await().atMost(PATIENCE).until(() -> stats().path("webhooksFailedAttempts").asLong() >= 1);

    JsonNode config = json(admin.post().uri("/sandbox/reset").exchange().expectStatus().isOk());
    assertThat(config.path("outage").asBoolean()).isFalse();
    assertThat(config.path("declineRate").asDouble()).isZero();
    assertThat(config.path("webhookUrl").asString()).isEqualTo(NOWHERE);
    JsonNode stats = stats();
    assertThat(stats.path("intents").asLong()).isZero();
    assertThat(stats.path("webhooksFailedAttempts").asLong()).isZero();
    // The key is free again, even for another body.
    created("key-1", "9.99", "order-9");
  }

  @Test
  void theAdminEndpointsNeedNoApiKeyAndIgnoreAnOutage() {
    configure(Map.of("outage", true, "errorRate", 1.0));
    admin.get().uri("/sandbox/stats").exchange().expectStatus().isOk();
    admin.get().uri("/sandbox/payment_intents").exchange().expectStatus().isOk();
    web.get().uri("/actuator/health").exchange().expectStatus().isOk();
  }
}
