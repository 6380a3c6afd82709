package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.bearer;
import static dev.storefront.registry.RegistryFixture.publishBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@RegistryTest
class OperationCheckTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient database;

  static final String PRODUCT_PRICES = "query ProductPrices { products { id price } }";

  static Map<String, Object> manifest(String... bodies) {
    return Map.of(
        "format",
        "apollo-persisted-query-manifest",
        "version",
        1,
        "operations",
        java.util.Arrays.stream(bodies)
            .map(body ->
                Map.of(
                    "id",
                    Sha256.hex(body),
                    "name",
                    body.split("[ {(]")[1],
                    "type",
                    "query",
                    "body",
                    body))
            .toList());
  }

  @BeforeEach
  void productsPublished() {
    RegistryFixture.reset(database);
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(publishBody("products", PRODUCTS_V1))
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void aChangeThatBreaksARegisteredOperationIsRejectedNamingIt() {
    web.put()
        .uri("/clients/web/versions/1.4.0/manifest")
        .header("Authorization", bearer("web"))
        .bodyValue(manifest(PRODUCT_PRICES))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.operations")
        .isEqualTo(1);
    var withoutPrice = publishBody("products", PRODUCTS_V1.replace(" price: Int!", ""));
    withoutPrice.put("acceptBreaking", true);
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(withoutPrice)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.message")
        .value(String.class, m -> assertThat(m).contains("web@1.4.0 ProductPrices"))
        .jsonPath("$.brokenOperations[0].client")
        .isEqualTo("web")
        .jsonPath("$.brokenOperations[0].name")
        .isEqualTo("ProductPrices")
        .jsonPath("$.brokenOperations[0].errors[0]")
        .value(String.class, e -> assertThat(e).contains("price"));
    web.delete()
        .uri("/clients/web/versions/1.4.0")
        .header("Authorization", bearer("admin"))
        .exchange()
        .expectStatus()
        .isOk();
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(withoutPrice)
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void registeredOperationsCanBeFetchedByIdAndByClientVersion() {
    web.put()
        .uri("/clients/mobile/versions/2.0.1/manifest")
        .header("Authorization", bearer("mobile"))
        .bodyValue(manifest(PRODUCT_PRICES, "query ProductNames { products { name } }"))
        .exchange()
        .expectStatus()
        .isOk();
    web.get()
        .uri("/operations/{id}", Sha256.hex(PRODUCT_PRICES))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.body")
        .isEqualTo(PRODUCT_PRICES);
    web.get()
        .uri("/clients/mobile/versions/2.0.1/manifest")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.format")
        .isEqualTo("apollo-persisted-query-manifest")
        .jsonPath("$.operations.length()")
        .isEqualTo(2);
    web.get().uri("/clients").exchange().expectBody().jsonPath("$[0].operations").isEqualTo(2);
    web.get().uri("/operations/{id}", "0".repeat(64)).exchange().expectStatus().isNotFound();
  }

  @Test
  void badManifestsAreRejectedWithTheReason() {
    web.put()
        .uri("/clients/web/versions/1/manifest")
        .header("Authorization", bearer("web"))
        .bodyValue(Map.of("format", "something", "version", 1, "operations", List.of()))
        .exchange()
        .expectStatus()
        .isBadRequest();
    var wrongId =
        Map.of(
            "format",
            "apollo-persisted-query-manifest",
            "version",
            1,
            "operations",
            List.of(Map.of("id", "abc", "name", "P", "type", "query", "body", PRODUCT_PRICES)));
    web.put()
        .uri("/clients/web/versions/1/manifest")
        .header("Authorization", bearer("web"))
        .bodyValue(wrongId)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("SHA-256"));
    web.put()
        .uri("/clients/web/versions/1/manifest")
        .header("Authorization", bearer("web"))
        .bodyValue(manifest("query Nope { products { nope } }"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.problems[0].errors[0]")
        .value(String.class, e -> assertThat(e).contains("nope"));
    web.get().uri("/clients").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
  }
}
