package dev.storefront.sandbox.cardprocessor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.sandbox.cardprocessor.SandboxTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class RequestValidationTest extends SandboxTest {

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Bearer sk_test_wrong", "Bearer", "sk_test_storefront"})
  void aCallWithoutTheRightApiKeyIsUnauthenticated(String authorization) {
    var request =
        web.post()
            .uri("/v1/payment_intents")
            .header("Idempotency-Key", "key-1")
            .bodyValue(Map.of("amount", "1.00", "currency", "EUR", "reference", "order-1"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    assertError(json(request.exchange().expectStatus().isUnauthorized()), "authentication_error");
    assertError(
        json(web.get().uri("/v1/payment_intents/pi_x").exchange().expectStatus().isUnauthorized()),
        "authentication_error");
    assertNothingCreated();
  }

  // A blank key cannot be tested beyond the empty one: HTTP clients refuse to send whitespace.
  @ParameterizedTest
  @NullAndEmptySource
  void creatingWithoutAnIdempotencyKeyIsInvalid(String key) {
    var request =
        web.post()
            .uri("/v1/payment_intents")
            .header("Authorization", "Bearer " + API_KEY)
            .bodyValue(Map.of("amount", "1.00", "currency", "EUR", "reference", "order-1"));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    JsonNode refusal = json(request.exchange().expectStatus().isBadRequest());
    assertError(refusal, "invalid_request_error");
    assertThat(refusal.path("error").path("message").asString()).contains("Idempotency-Key");
    assertNothingCreated();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.00", "-1.00", "1.001", "abc", "1e3", "+5", "1,00", "", " 1.00"})
  void aBadAmountIsInvalidAndNamed(String amount) {
    assertInvalid(Map.of("amount", amount, "currency", "EUR", "reference", "order-1"), "amount");
  }

  @ParameterizedTest
  @ValueSource(strings = {"eur", "EU", "EURO", "E1R", ""})
  void aBadCurrencyIsInvalidAndNamed(String currency) {
    assertInvalid(Map.of("amount", "1.00", "currency", currency, "reference", "r"), "currency");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 201})
  void aBlankOrOverlongReferenceIsInvalidAndNamed(int length) {
    String reference = length == 3 ? "   " : "r".repeat(length);
    assertInvalid(Map.of("amount", "1.00", "currency", "EUR", "reference", reference), "reference");
  }

  @Test
  void missingFieldsAreInvalidAndNamed() {
    Map<String, String> complete = Map.of("amount", "1.00", "currency", "EUR", "reference", "r");
    for (String field : complete.keySet()) {
      Map<String, String> body = new HashMap<>(complete);
      body.remove(field);
      assertInvalid(body, field);
    }
  }

  @Test
  void aBodyThatIsNotJsonIsInvalid() {
    JsonNode refusal =
        json(
            web.post()
                .uri("/v1/payment_intents")
                .header("Authorization", "Bearer " + API_KEY)
                .header("Idempotency-Key", "key-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": ")
                .exchange()
                .expectStatus()
                .isBadRequest());
    assertError(refusal, "invalid_request_error");
    assertNothingCreated();
  }

  @Test
  void theLongestAllowedReferenceIsAccepted() {
    assertThat(created("key-1", "0.01", "r".repeat(200)).path("reference").asString()).hasSize(200);
  }

  private void assertInvalid(Map<String, ?> body, String field) {
    JsonNode refusal = json(create("key-" + field, body).expectStatus().isBadRequest());
    assertError(refusal, "invalid_request_error");
    assertThat(refusal.path("error").path("message").asString()).contains(field);
    assertNothingCreated();
  }

  private void assertNothingCreated() {
    assertThat(stats().path("intents").asLong()).isZero();
  }
}
