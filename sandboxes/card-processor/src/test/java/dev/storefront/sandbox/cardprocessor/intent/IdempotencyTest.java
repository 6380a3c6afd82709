package dev.storefront.sandbox.cardprocessor.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.sandbox.cardprocessor.SandboxTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

class IdempotencyTest extends SandboxTest {

  private static final int CONCURRENT_REQUESTS = 20;

  @Test
  void twentyConcurrentRequestsWithOneKeyCreateExactlyOneIntent() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<EntityExchangeResult<JsonNode>>> answers = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT_REQUESTS)) {
      for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
        answers.add(
            threads.submit(() -> {
              // All threads are released at once to race for the key.
              start.await();
              return create("shared-key", "10.00", "order-race")
                  .expectBody(JsonNode.class)
                  .returnResult();
            }));
      }
      start.countDown();
    }

    List<Integer> statuses = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Future<EntityExchangeResult<JsonNode>> answer : answers) {
      EntityExchangeResult<JsonNode> result = answer.get();
      statuses.add(result.getStatus().value());
      ids.add(result.getResponseBody().path("id").asString());
      if (result.getStatus().value() == 200) {
        assertThat(result.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
      }
    }
    assertThat(ids).hasSize(CONCURRENT_REQUESTS).allMatch(id -> id.startsWith("pi_"));
    assertThat(ids).containsOnly(ids.getFirst());
    assertThat(statuses).containsOnly(201, 200);
    assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
    assertThat(intentsWithReference("order-race")).hasSize(1);
    assertThat(stats().path("intents").asLong()).isEqualTo(1);
  }

  @Test
  void aReplayAnswersTheSameIntentWithItsCurrentStatus() {
    configure(Map.of("latencyMs", 0));
    String id = created("key-1", "12.34", "order-1").path("id").asString();
    await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("succeeded"));

    JsonNode replay =
        json(
            create("key-1", "12.34", "order-1")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true"));
    assertThat(replay.path("id").asString()).isEqualTo(id);
    assertThat(replay.path("status").asString()).isEqualTo("succeeded");
  }

  @Test
  void theSameKeyWithADifferentBodyIsAConflict() {
    created("key-1", "12.34", "order-1");

    assertError(
        json(create("key-1", "12.35", "order-1").expectStatus().isEqualTo(409)),
        "idempotency_error");
    assertError(
        json(create("key-1", "12.34", "order-2").expectStatus().isEqualTo(409)),
        "idempotency_error");
    assertError(
        json(
            create("key-1", Map.of("amount", "12.34", "currency", "USD", "reference", "order-1"))
                .expectStatus()
                .isEqualTo(409)),
        "idempotency_error");
    assertThat(stats().path("intents").asLong()).isEqualTo(1);
  }

  @Test
  void anAmountWrittenWithFewerDecimalsIsTheSameRequest() {
    JsonNode first = created("key-1", "12.5", "order-1");
    assertThat(first.path("amount").asString()).isEqualTo("12.50");

    JsonNode replay = json(create("key-1", "12.50", "order-1").expectStatus().isOk());
    assertThat(replay.path("id").asString()).isEqualTo(first.path("id").asString());
  }

  @Test
  void differentKeysCreateDifferentIntents() {
    String first = created("key-1", "1.00", "order-1").path("id").asString();
    String second = created("key-2", "1.00", "order-1").path("id").asString();

    assertThat(first).isNotEqualTo(second);
    assertThat(intentsWithReference("order-1")).hasSize(2);
  }
}
