package dev.storefront.sandbox.cardprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "sandbox.webhook-url=http://127.0.0.1:9/unreachable")
@AutoConfigureWebTestClient
class PaymentIntentApiTest {

  @Autowired WebTestClient web;

  @BeforeEach
  void reset() {
    web.post().uri("/sandbox/reset").exchange().expectStatus().isOk();
  }

  private WebTestClient.ResponseSpec create(String key, String amount, String reference) {
    return web.post()
        .uri("/v1/payment_intents")
        .header("Authorization", "Bearer sk_test_storefront")
        .header("Idempotency-Key", key)
        .bodyValue(Map.of("amount", amount, "currency", "USD", "reference", reference))
        .exchange();
  }

  @Test
  void twentyConcurrentRequestsWithOneKeyCreateOneIntent() {
    String key = UUID.randomUUID().toString();
    List<String> ids =
        Flux.range(0, 20)
            .flatMap(
                i ->
                    web.mutate()
                        .responseTimeout(Duration.ofSeconds(10))
                        .build()
                        .post()
                        .uri("/v1/payment_intents")
                        .header("Authorization", "Bearer sk_test_storefront")
                        .header("Idempotency-Key", key)
                        .bodyValue(
                            Map.of("amount", "10.00", "currency", "USD", "reference", "order-1"))
                        .exchange()
                        .returnResult(Map.class)
                        .getResponseBody()
                        .map(body -> String.valueOf(body.get("id"))),
                20)
            .collectList()
            .block();
    assertThat(ids).hasSize(20).containsOnly(ids.getFirst());
    web.get()
        .uri("/sandbox/payment_intents?reference=order-1")
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(1);
    create(key, "11.00", "order-1").expectStatus().isEqualTo(409);
  }

  @Test
  void badRequestsAndAnOutageAreRefusedWithoutCreatingAnything() {
    web.post()
        .uri("/v1/payment_intents")
        .header("Idempotency-Key", "k")
        .bodyValue(Map.of("amount", "1.00", "currency", "USD", "reference", "r"))
        .exchange()
        .expectStatus()
        .isUnauthorized();
    create("k1", "-1", "r").expectStatus().isBadRequest();
    create("k2", "1.001", "r").expectStatus().isBadRequest();
    web.put()
        .uri("/sandbox/config")
        .bodyValue(Map.of("outage", true))
        .exchange()
        .expectStatus()
        .isOk();
    create("k3", "5.00", "outage")
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("api_error");
    web.get().uri("/sandbox/stats").exchange().expectBody().jsonPath("$.intents").isEqualTo(0);
  }

  @Test
  void anIntentIsDecidedAfterItsLatencyAndACancelledOneNeverSucceeds() throws Exception {
    web.put()
        .uri("/sandbox/config")
        .bodyValue(Map.of("latencyMs", 300, "declineRate", 1.0))
        .exchange()
        .expectStatus()
        .isOk();
    String declined = id(create("d", "3.00", "declined"));
    String cancelled = id(create("c", "4.00", "cancelled"));
    web.post()
        .uri("/v1/payment_intents/" + cancelled + "/cancel")
        .header("Authorization", "Bearer sk_test_storefront")
        .exchange()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("canceled");
    Thread.sleep(1_000);
    intent(declined)
        .jsonPath("$.status")
        .isEqualTo("failed")
        .jsonPath("$.failure_code")
        .isEqualTo("card_declined");
    intent(cancelled).jsonPath("$.status").isEqualTo("canceled");
    web.post()
        .uri("/v1/payment_intents/" + declined + "/cancel")
        .header("Authorization", "Bearer sk_test_storefront")
        .exchange()
        .expectStatus()
        .isEqualTo(409);
  }

  private WebTestClient.BodyContentSpec intent(String id) {
    return web.get()
        .uri("/v1/payment_intents/" + id)
        .header("Authorization", "Bearer sk_test_storefront")
        .exchange()
        .expectBody();
  }

  private static String id(WebTestClient.ResponseSpec response) {
    return String.valueOf(
        response
            .expectStatus()
            .isCreated()
            .returnResult(Map.class)
            .getResponseBody()
            .blockFirst()
            .get("id"));
  }
}
