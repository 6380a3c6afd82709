package dev.storefront.sandbox.cardprocessor.admin;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A sandbox started without SANDBOX_ADMIN_TOKEN has no admin API at all. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"sandbox.admin-token=", "sandbox.webhook-url=http://127.0.0.1:9/webhooks"})
@AutoConfigureWebTestClient
class AdminApiOffTest {

  @Autowired WebTestClient web;

  @Test
  void everyAdminCallIsForbiddenWhateverItPresents() {
    web.post().uri("/sandbox/reset").exchange().expectStatus().isForbidden();
    web.put()
        .uri("/sandbox/config")
        .header("Authorization", "Bearer ")
        .bodyValue("{\"outage\": true}")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.error.message")
        .value(message ->
            org.assertj.core.api.Assertions.assertThat((String) message)
                .contains("SANDBOX_ADMIN_TOKEN"));
    web.get().uri("/actuator/health").exchange().expectStatus().isOk();
  }
}
