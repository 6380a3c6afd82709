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
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@RegistryTest
class HistoryAndDeliveryTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient database;

  static final String PRODUCTS_V2 = PRODUCTS_V1.replace("price: Int!", "price: Int! sku: String");

  @BeforeEach
  void twoVersions() {
    RegistryFixture.reset(database);
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(publishBody("products", PRODUCTS_V1))
        .exchange()
        .expectStatus()
        .isOk();
    var second = publishBody("products", PRODUCTS_V2);
    second.put("label", "commit abc123");
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(second)
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void theSupergraphHasAnEtagAndAnUnchangedOneIsNotSentAgain() {
    var first =
        web.get()
            .uri("/supergraph")
            .exchange()
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
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(
            publishBody("products", PRODUCTS_V2.replace("sku: String", "sku: String weight: Int")))
        .exchange()
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
    web.get()
        .uri("/subgraphs/products/versions")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(2)
        .jsonPath("$[1].label")
        .isEqualTo("commit abc123");
    web.get()
        .uri("/subgraphs/products/versions/1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.sdl")
        .isEqualTo(PRODUCTS_V1);
    web.get()
        .uri("/subgraphs/products/diff?from=1&to=2")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.changes[0].path")
        .isEqualTo("Product.sku")
        .jsonPath("$.changes[0].criticality")
        .isEqualTo("SAFE");
    web.get()
        .uri("/supergraph/versions")
        .exchange()
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
    web.post()
        .uri("/subgraphs/products/rollback")
        .header("Authorization", bearer("admin"))
        .bodyValue(Map.of("version", 1, "acceptBreaking", true))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.schemaVersion")
        .isEqualTo(3)
        .jsonPath("$.changes[0].type")
        .isEqualTo("FIELD_REMOVED");
    web.get()
        .uri("/subgraphs/products/versions/3")
        .exchange()
        .expectBody()
        .jsonPath("$.sdl")
        .isEqualTo(PRODUCTS_V1)
        .jsonPath("$.label")
        .isEqualTo("rollback to v1");
    assertThat(
            web.get()
                .uri("/supergraph")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .doesNotContain("sku");
  }

  @Test
  void rollbackThatRemovesAFieldIsCheckedLikeAPublish() {
    web.post()
        .uri("/subgraphs/products/rollback")
        .header("Authorization", bearer("admin"))
        .bodyValue(Map.of("version", 1))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("REJECTED");
  }

  @Test
  void unknownSubgraphsAndVersionsAreNotFound() {
    web.post()
        .uri("/subgraphs/nothing/rollback")
        .header("Authorization", bearer("admin"))
        .bodyValue(Map.of("version", 1))
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("nothing"));
    web.post()
        .uri("/subgraphs/products/rollback")
        .header("Authorization", bearer("admin"))
        .bodyValue(Map.of("version", 9))
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("products has no version 9");
    web.post()
        .uri("/subgraphs/products/rollback")
        .header("Authorization", bearer("admin"))
        .bodyValue(Map.of())
        .exchange()
        .expectStatus()
        .isBadRequest();
    web.get().uri("/subgraphs/products/versions/7").exchange().expectStatus().isNotFound();
    web.get().uri("/supergraph/versions/999999").exchange().expectStatus().isNotFound();
  }

  @Test
  void badSchemasAreClientErrorsWithAClearMessage() {
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(publishBody("products", ""))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("sdl"));
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(publishBody("products", "type Query {"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.compositionErrors[0].subgraph")
        .isEqualTo("products")
        .jsonPath("$.compositionErrors[0].message")
        .value(String.class, m -> assertThat(m).contains("Syntax Error"));
    String huge = PRODUCTS_V1 + "\n#" + "x".repeat(5 * 1024 * 1024);
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(publishBody("products", huge))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    web.post()
        .uri("/subgraphs/Bad_Name/publish")
        .bodyValue(publishBody("x", PRODUCTS_V1))
        .exchange()
        .expectStatus()
        .isBadRequest();
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(Map.of("sdl", PRODUCTS_V1, "url", "ftp://x"))
        .exchange()
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
    web.get()
        .uri("/subgraphs/products/versions")
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(2);
  }
}
