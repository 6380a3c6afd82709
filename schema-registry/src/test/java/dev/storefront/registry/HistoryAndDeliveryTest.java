package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.bearer;
import static dev.storefront.registry.RegistryFixture.publishBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

@RegistryTest
class HistoryAndDeliveryTest {

  @Autowired RegistryRequests registry;
  @Autowired WebTestClient web;

  static final String PRODUCTS_V2 = PRODUCTS_V1.replace("price: Int!", "price: Int! sku: String");

  @BeforeEach
  void twoVersions() {
    registry.resetWithProducts();
    var second = publishBody("products", PRODUCTS_V2);
    second.put("label", "commit abc123");
    registry.publish("products", "products", second).expectStatus().isOk();
  }

  @Test
  void theSupergraphHasAnEtagAndAnUnchangedOneIsNotSentAgain() {
    var first =
        registry
            .get("/supergraph", null)
            .expectStatus()
            .isOk()
            .expectHeader()
            .exists("ETag")
            .expectBody(String.class)
            .returnResult();
    String etag = first.getResponseHeaders().getETag();
    web.get()
        .uri("/supergraph")
        .header("If-None-Match", etag)
        .exchange()
        .expectStatus()
        .isNotModified()
        .expectBody()
        .isEmpty();
    web.get()
        .uri("/supergraph")
        .header("If-None-Match", "\"something-else\"")
        .exchange()
        .expectStatus()
        .isOk();
    registry
        .publish(
            "products",
            "products",
            publishBody("products", PRODUCTS_V2.replace("sku: String", "sku: String weight: Int")))
        .expectStatus()
        .isOk();
    web.get()
        .uri("/supergraph")
        .header("If-None-Match", etag)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .value("ETag", tag -> assertThat(tag).isNotEqualTo(etag));
  }

  @Test
  void listsVersionsWithLabelsAndDiffsThem() {
    registry
        .get("/subgraphs/products/versions", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(2)
        .jsonPath("$[1].label")
        .isEqualTo("commit abc123");
    registry
        .get("/subgraphs/products/versions/1", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.sdl")
        .isEqualTo(PRODUCTS_V1);
    registry
        .get("/subgraphs/products/diff?from=1&to=2", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.changes[0].path")
        .isEqualTo("Product.sku")
        .jsonPath("$.changes[0].criticality")
        .isEqualTo("SAFE");
    registry
        .get("/supergraph/versions", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].composedFrom.products")
        .isEqualTo(2)
        .jsonPath("$.length()")
        .isEqualTo(2);
  }

  @Test
  void rollbackRecomposesTheEarlierSchemaAsANewVersion() {
    registry
        .rollback("products", "admin", Map.of("version", 1, "acceptBreaking", true))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.schemaVersion")
        .isEqualTo(3)
        .jsonPath("$.changes[0].type")
        .isEqualTo("FIELD_REMOVED");
    registry
        .get("/subgraphs/products/versions/3", null)
        .expectBody()
        .jsonPath("$.sdl")
        .isEqualTo(PRODUCTS_V1)
        .jsonPath("$.label")
        .isEqualTo("rollback to v1");
    assertThat(registry.supergraph()).doesNotContain("sku");
  }

  @Test
  void rollbackThatRemovesAFieldIsCheckedLikeAPublish() {
    registry
        .rollback("products", "admin", Map.of("version", 1))
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("REJECTED");
  }

  @Test
  void unknownSubgraphsAndVersionsAreNotFound() {
    registry
        .rollback("nothing", "admin", Map.of("version", 1))
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("nothing"));
    registry
        .rollback("products", "admin", Map.of("version", 9))
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("products has no version 9");
    registry.rollback("products", "admin", Map.of()).expectStatus().isBadRequest();
    registry.get("/subgraphs/products/versions/7", null).expectStatus().isNotFound();
    registry.get("/supergraph/versions/999999", null).expectStatus().isNotFound();
  }

  @Test
  void badSchemasAreClientErrorsWithAClearMessage() {
    registry
        .publish("products", "products", publishBody("products", ""))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("sdl"));
    registry
        .publish("products", "products", publishBody("products", "type Query {"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.compositionErrors[0].subgraph")
        .isEqualTo("products")
        .jsonPath("$.compositionErrors[0].message")
        .value(String.class, m -> assertThat(m).contains("Syntax Error"));
    String huge = PRODUCTS_V1 + "\n#" + "x".repeat(5 * 1024 * 1024);
    registry
        .publish("products", "products", publishBody("products", huge))
        .expectStatus()
        .isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    registry.publish("Bad_Name", null, publishBody("x", PRODUCTS_V1)).expectStatus().isBadRequest();
    registry
        .publish("products", "products", Map.of("sdl", PRODUCTS_V1, "url", "ftp://x"))
        .expectStatus()
        .isBadRequest();
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .header("content-type", "application/json")
        .bodyValue("{not json")
        .exchange()
        .expectStatus()
        .isBadRequest();
    registry.expectLength("/subgraphs/products/versions", 2);
  }
}
