package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.publishBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

@RegistryTest
class OperationCheckTest {

  @Autowired RegistryRequests registry;

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
    registry.resetWithProducts();
  }

  @Test
  void aChangeThatBreaksARegisteredOperationIsRejectedNamingIt() {
    registry
        .registerManifest("web", "1.4.0", "web", manifest(PRODUCT_PRICES))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.operations")
        .isEqualTo(1);
    var withoutPrice = publishBody("products", PRODUCTS_V1.replace(" price: Int!", ""));
    withoutPrice.put("acceptBreaking", true);
    registry
        .publish("products", "products", withoutPrice)
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
    registry.retire("web", "1.4.0", "admin").expectStatus().isOk();
    registry.publish("products", "products", withoutPrice).expectStatus().isOk();
  }

  @Test
  void registeredOperationsCanBeFetchedByIdAndByClientVersion() {
    registry
        .registerManifest(
            "mobile",
            "2.0.1",
            "mobile",
            manifest(PRODUCT_PRICES, "query ProductNames { products { name } }"))
        .expectStatus()
        .isOk();
    registry
        .get("/operations/" + Sha256.hex(PRODUCT_PRICES), null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.body")
        .isEqualTo(PRODUCT_PRICES);
    registry
        .get("/clients/mobile/versions/2.0.1/manifest", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.format")
        .isEqualTo("apollo-persisted-query-manifest")
        .jsonPath("$.operations.length()")
        .isEqualTo(2);
    registry.get("/clients", null).expectBody().jsonPath("$[0].operations").isEqualTo(2);
    registry.get("/operations/" + "0".repeat(64), null).expectStatus().isNotFound();
  }

  @Test
  void badManifestsAreRejectedWithTheReason() {
    registry
        .registerManifest(
            "web", "1", "web", Map.of("format", "something", "version", 1, "operations", List.of()))
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
    registry
        .registerManifest("web", "1", "web", wrongId)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("SHA-256"));
    registry
        .registerManifest("web", "1", "web", manifest("query Nope { products { nope } }"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.problems[0].errors[0]")
        .value(String.class, e -> assertThat(e).contains("nope"));
    registry.expectLength("/clients", 0);
  }
}
