package dev.storefront.bff.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ReadinessTest extends BffWebTest {

  @Test
  void readyOnceTheManifestIsRegisteredAsBffWeb() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() ->
            web.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP"));
    assertThat(ROUTER.manifests())
        .isNotEmpty()
        .allSatisfy(registration -> {
          assertThat(registration.path()).startsWith("/clients/bff-web/versions/");
          assertThat(json.readTree(registration.body()).path("operations").size())
              .isEqualTo(operations.all().size());
        });
  }

  @Test
  void metricsAreExposedForPrometheus() {
    web.get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(text -> assertThat(text).contains("service=\"bff-web\""));
  }
}
