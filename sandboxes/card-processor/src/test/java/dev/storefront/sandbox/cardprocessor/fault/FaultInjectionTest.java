package dev.storefront.sandbox.cardprocessor.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.sandbox.cardprocessor.SandboxTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FaultInjectionTest extends SandboxTest {

  @Test
  void duringAnOutageEveryCallIsRefusedWith503AndNothingHappens() {
    configure(Map.of("latencyMs", 60_000));
    String existing = created("key-1", "1.00", "order-1").path("id").asString();
    configure(Map.of("outage", true));

    JsonNode refusal = json(create("key-2", "2.00", "order-2").expectStatus().isEqualTo(503));
    assertError(refusal, "api_error");
    assertThat(refusal.path("error").path("message").asString()).isEqualTo("processor unavailable");
    cancel(existing).expectStatus().isEqualTo(503);
    get(existing).expectStatus().isEqualTo(503);

    configure(Map.of("outage", false));
    assertThat(intentsWithReference("order-2")).isEmpty();
    assertThat(status(existing)).isEqualTo("processing");
    assertThat(stats().path("intents").asLong()).isEqualTo(1);
    // The refused request left no trace, not even its idempotency key.
    create("key-2", "3.00", "order-3").expectStatus().isCreated();
  }

  @Test
  void internalErrorsComeBeforeOrAfterProcessingSoOnlyIdempotentRetriesAreSafe() {
    int calls = 40;
    configure(Map.of("errorRate", 1.0, "latencyMs", 60_000));
    for (int i = 0; i < calls; i++) {
      assertError(
          json(create("key-" + i, "1.00", "order-" + i).expectStatus().isEqualTo(500)),
          "api_error");
    }
    long createdDespiteTheError = stats().path("intents").asLong();
    // Each half has probability 1/2, so all 40 landing on one side is a 1 in 5e11 event.
    assertThat(createdDespiteTheError).isBetween(1L, calls - 1L);

    configure(Map.of("errorRate", 0.0));
    int replayed = 0;
    for (int i = 0; i < calls; i++) {
      int status =
          create("key-" + i, "1.00", "order-" + i).expectBody().returnResult().getStatus().value();
      assertThat(status).isIn(200, 201);
      replayed += status == 200 ? 1 : 0;
    }
    assertThat(replayed).isEqualTo(createdDespiteTheError);
    assertThat(stats().path("intents").asLong()).isEqualTo(calls);
    for (int i = 0; i < calls; i++) {
      assertThat(intentsWithReference("order-" + i)).hasSize(1);
    }
  }

  @Test
  void apiLatencyDelaysEveryAnswer() {
    configure(Map.of("apiLatencyMs", 400));
    long start = System.nanoTime();
    get("pi_unknown").expectStatus().isNotFound();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void theDeclineRateInForceAtDecisionTimeApplies() {
    // Long enough for the change to come first even on a busy machine.
    configure(Map.of("latencyMs", 2_000, "declineRate", 0.0));
    String id = created("key-1", "1.00", "order-1").path("id").asString();
    configure(Map.of("declineRate", 1.0));

    await().atMost(Duration.ofSeconds(20)).until(() -> !status(id).equals("processing"));
    assertThat(status(id)).isEqualTo("failed");
  }
}
