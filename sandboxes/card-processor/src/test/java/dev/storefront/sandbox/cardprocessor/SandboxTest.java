package dev.storefront.sandbox.cardprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * One running sandbox shared by all tests (same configuration, so Spring reuses the context), reset
 * before each test. By default webhooks go to a port where nothing listens; tests that look at
 * webhooks point them at a {@link WebhookReceiver}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sandbox.webhook-url=" + SandboxTest.NOWHERE,
      "sandbox.admin-token=" + SandboxTest.ADMIN_TOKEN
    })
@AutoConfigureWebTestClient
public abstract class SandboxTest {

  public static final String NOWHERE = "http://127.0.0.1:9/webhooks";
  public static final String API_KEY = "sk_test_storefront";
  public static final String WEBHOOK_SECRET = "whsec_storefront_dev";
  public static final String ADMIN_TOKEN = "sandbox-admin-test-token";

  @Autowired protected WebTestClient web;

  /** The admin API's client: {@link #web} with the admin token. */
  protected WebTestClient admin;

  @BeforeEach
  void resetSandbox() {
    admin = web.mutate().defaultHeader("Authorization", "Bearer " + ADMIN_TOKEN).build();
    admin.post().uri("/sandbox/reset").exchange().expectStatus().isOk();
  }

  protected WebTestClient.ResponseSpec create(String key, String amount, String reference) {
    return create(key, Map.of("amount", amount, "currency", "EUR", "reference", reference));
  }

  protected WebTestClient.ResponseSpec create(String key, Map<String, ?> body) {
    return web.post()
        .uri("/v1/payment_intents")
        .header("Authorization", "Bearer " + API_KEY)
        .header("Idempotency-Key", key)
        .bodyValue(body)
        .exchange();
  }

  /** Creates an intent that must be new; returns its JSON. */
  protected JsonNode created(String key, String amount, String reference) {
    return json(create(key, amount, reference).expectStatus().isCreated());
  }

  protected WebTestClient.ResponseSpec get(String intentId) {
    return web.get()
        .uri("/v1/payment_intents/{id}", intentId)
        .header("Authorization", "Bearer " + API_KEY)
        .exchange();
  }

  protected String status(String intentId) {
    return json(get(intentId).expectStatus().isOk()).path("status").asString();
  }

  protected WebTestClient.ResponseSpec cancel(String intentId) {
    return web.post()
        .uri("/v1/payment_intents/{id}/cancel", intentId)
        .header("Authorization", "Bearer " + API_KEY)
        .exchange();
  }

  protected JsonNode configure(Map<String, ?> change) {
    return json(
        admin.put().uri("/sandbox/config").bodyValue(change).exchange().expectStatus().isOk());
  }

  protected JsonNode stats() {
    return json(admin.get().uri("/sandbox/stats").exchange().expectStatus().isOk());
  }

  protected JsonNode intentsWithReference(String reference) {
    return json(
        admin
            .get()
            .uri("/sandbox/payment_intents?reference={reference}", reference)
            .exchange()
            .expectStatus()
            .isOk());
  }

  protected static JsonNode json(WebTestClient.ResponseSpec response) {
    return response.expectBody(JsonNode.class).returnResult().getResponseBody();
  }

  protected static void assertError(JsonNode body, String type) {
    assertThat(body.path("error").path("type").asString()).isEqualTo(type);
    assertThat(body.path("error").path("message").asString()).isNotBlank();
  }
}
