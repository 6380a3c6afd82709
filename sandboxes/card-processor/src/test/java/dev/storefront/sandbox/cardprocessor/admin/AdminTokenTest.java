package dev.storefront.sandbox.cardprocessor.admin;

import dev.storefront.sandbox.cardprocessor.SandboxTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The admin API takes the admin token, under every spelling of its paths. */
class AdminTokenTest extends SandboxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/sandbox/reset",
        "/s%61ndbox/reset",
        "/sandbox/%72eset",
        "/sandbox/reset;x=1",
        "/sandbox/reset/",
        "//sandbox/reset"
      })
  void withoutTheTokenNothingIsReset(String path) {
    created("key-admin-1", "10.00", "order-admin-1");
    web.post().uri(uri(path)).exchange().expectStatus().isUnauthorized();
    web.post()
        .uri(uri(path))
        .header("Authorization", "Bearer not-the-token")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    web.post()
        .uri(uri(path))
        .header("Authorization", "Bearer " + API_KEY)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    admin
        .get()
        .uri("/sandbox/payment_intents")
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/sandbox/config", "/sandbox/stats", "/sandbox/payment_intents"})
  void everyAdminReadNeedsTheToken(String path) {
    web.get().uri(path).exchange().expectStatus().isUnauthorized();
    admin.get().uri(path).exchange().expectStatus().isOk();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/payment_intents", "/%761/payment_intents", "/v1/p%61yment_intents"})
  void theProcessorApiStillTakesTheMerchantKeyOnlyUnderEverySpelling(String path) {
    admin
        .post()
        .uri(uri(path))
        .header("Idempotency-Key", "key-admin-2")
        .bodyValue(java.util.Map.of("amount", "1.00", "currency", "EUR", "reference", "r"))
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @org.junit.jupiter.api.Test
  void healthIsOpen() {
    web.get().uri("/actuator/health").exchange().expectStatus().isOk();
  }

  @LocalServerPort int port;

  private java.net.URI uri(String path) {
    // As sent: the test client must not decode or re-encode the spelling under test.
    return java.net.URI.create("http://127.0.0.1:" + port + path);
  }
}
