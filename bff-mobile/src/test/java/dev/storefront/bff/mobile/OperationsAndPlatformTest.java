package dev.storefront.bff.mobile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.bff.operations.PersistedOperation;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class OperationsAndPlatformTest extends MobileApiTest {

  @Test
  void theManifestIsRegisteredAndReadinessWaitsForIt() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> REGISTRY.requests().stream().anyMatch(r -> r.method().equals("PUT")));
    var put =
        REGISTRY.requests().stream()
            .filter(r -> r.method().equals("PUT"))
            .findFirst()
            .orElseThrow();
    assertThat(put.path()).isEqualTo("/clients/bff-mobile/versions/0.1.0-SNAPSHOT/manifest");
    var manifest = JSON.readTree(put.body());
    assertThat(manifest.path("format").asString()).isEqualTo("apollo-persisted-query-manifest");
    assertThat(manifest.path("operations")).hasSize(10);
    assertThat(manifest.path("operations").findValuesAsString("name"))
        .containsExactlyInAnyOrder(
            "HomeScreen",
            "ProductList",
            "ProductDetail",
            "Cart",
            "AddToCart",
            "UpdateCartItem",
            "RemoveFromCart",
            "Checkout",
            "Orders",
            "OrderDetail");
    for (PersistedOperation op : manifest().all()) {
      assertThat(op.id()).matches("[0-9a-f]{64}");
    }

    web.get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
    web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
  }

  @Test
  void openApiDescribesTheV1Api() {
    web.get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.info.title")
        .isEqualTo("Storefront mobile API")
        .jsonPath("$.paths['/v1/home'].get")
        .exists()
        .jsonPath("$.paths['/v1/products'].get")
        .exists()
        .jsonPath("$.paths['/v1/products/{id}'].get")
        .exists()
        .jsonPath("$.paths['/v1/cart'].get")
        .exists()
        .jsonPath("$.paths['/v1/cart/items'].post")
        .exists()
        .jsonPath("$.paths['/v1/cart/items/{productId}'].patch")
        .exists()
        .jsonPath("$.paths['/v1/cart/items/{productId}'].delete")
        .exists()
        .jsonPath("$.paths['/v1/checkout'].post")
        .exists()
        .jsonPath("$.paths['/v1/orders'].get")
        .exists()
        .jsonPath("$.paths['/v1/orders/{id}'].get")
        .exists()
        .jsonPath("$.components.securitySchemes.bearer.scheme")
        .isEqualTo("bearer")
        .jsonPath("$.components.schemas.HomeScreen")
        .exists();
    web.get()
        .uri("/swagger-ui.html")
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .value(HttpHeaders.LOCATION, l -> assertThat(l).contains("swagger-ui"));
    web.get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk();
  }

  @Test
  void prometheusMetricsAreExposed() {
    web.get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(body ->
            assertThat(body)
                .contains("resilience4j_circuitbreaker_state")
                .contains("service=\"bff-mobile\""));
  }

  private dev.storefront.bff.operations.PersistedOperations manifest() {
    return manifest;
  }
}
