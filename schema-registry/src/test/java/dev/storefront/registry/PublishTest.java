package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.FEDERATION;
import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.REVIEWS_V1;
import static dev.storefront.registry.RegistryFixture.publishBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

@RegistryTest
class PublishTest {

  @Autowired RegistryRequests registry;

  @BeforeEach
  void emptyRegistry() {
    registry.reset();
  }

  /** A publish by the subgraph itself. */
  WebTestClient.ResponseSpec publish(String name, Map<String, Object> body) {
    return registry.publish(name, name, body);
  }

  String supergraph() {
    return registry
        .get("/supergraph", null)
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void aGoodPublishStoresAVersionAndChangesTheSupergraph() {
    registry.get("/supergraph", null).expectStatus().isNotFound();
    publish("products", publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("PUBLISHED")
        .jsonPath("$.schemaVersion")
        .isEqualTo(1);
    assertThat(supergraph()).contains("type Product").doesNotContain("reviews");
    publish("reviews", publishBody("reviews", REVIEWS_V1))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.supergraphVersion")
        .isNumber();
    assertThat(supergraph())
        .contains("reviews: [Review!]!")
        .contains("join__graph(name: \"reviews\"");
    registry
        .get("/subgraphs", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[*].name")
        .isEqualTo(List.of("products", "reviews"));
  }

  @Test
  void publishingTheSameSchemaAgainStoresNothing() {
    publish("products", publishBody("products", PRODUCTS_V1)).expectStatus().isOk();
    publish("products", publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UNCHANGED")
        .jsonPath("$.schemaVersion")
        .isEqualTo(1);
    registry.expectLength("/supergraph/versions", 1);
  }

  @Test
  void aFieldWithConflictingTypesInTwoSubgraphsIsRejectedAndNothingIsStored() {
    publish("products", publishBody("products", PRODUCTS_V1)).expectStatus().isOk();
    String before = supergraph();
    String conflicting =
        FEDERATION
            + """
            type Product @key(fields: "id") { id: ID! name: Int! @shareable }
            """;
    publish("pricing", publishBody("pricing", conflicting))
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("REJECTED")
        .jsonPath("$.compositionErrors[0].message")
        .value(String.class, message -> assertThat(message).contains("Product.name"));
    assertThat(supergraph()).isEqualTo(before);
    registry.get("/subgraphs/pricing/versions", null).expectStatus().isNotFound();
  }

  @Test
  void aSharedFieldWithoutShareableIsRejectedWithTheCompositionMessage() {
    publish("products", publishBody("products", PRODUCTS_V1)).expectStatus().isOk();
    String alsoResolvesName =
        FEDERATION
            + """
            type Product @key(fields: "id") { id: ID! name: String! }
            """;
    publish("search", publishBody("search", alsoResolvesName))
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.compositionErrors[*].message")
        .value(
            List.class,
            messages ->
                assertThat(messages.toString())
                    .contains("Product.name")
                    .containsIgnoringCase("shareable"));
    registry.expectLength("/supergraph/versions", 1);
  }

  @Test
  void aBreakingChangeIsRejectedThenAcceptedWithTheFlagWhenNoOperationUsesIt() {
    publish("products", publishBody("products", PRODUCTS_V1)).expectStatus().isOk();
    String withoutPrice = PRODUCTS_V1.replace(" price: Int!", "");
    publish("products", publishBody("products", withoutPrice))
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.message")
        .value(String.class, message -> assertThat(message).contains("breaking"))
        .jsonPath("$.changes[0].criticality")
        .isEqualTo("BREAKING")
        .jsonPath("$.changes[0].type")
        .isEqualTo("FIELD_REMOVED")
        .jsonPath("$.changes[0].path")
        .isEqualTo("Product.price");
    assertThat(supergraph()).contains("price: Int!");
    var accepted = publishBody("products", withoutPrice);
    accepted.put("acceptBreaking", true);
    publish("products", accepted)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.schemaVersion")
        .isEqualTo(2);
    assertThat(supergraph()).doesNotContain("price: Int!");
  }

  @Test
  void aSafeChangeIsClassifiedAndPublished() {
    publish("products", publishBody("products", PRODUCTS_V1)).expectStatus().isOk();
    String withSku = PRODUCTS_V1.replace("price: Int!", "price: Int! sku: String");
    publish("products", publishBody("products", withSku))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.changes[0].criticality")
        .isEqualTo("SAFE")
        .jsonPath("$.changes[0].path")
        .isEqualTo("Product.sku");
  }

  @Test
  void aCheckReportsWithoutStoring() {
    publish("products", publishBody("products", PRODUCTS_V1)).expectStatus().isOk();
    String withSku = PRODUCTS_V1.replace("price: Int!", "price: Int! sku: String");
    registry
        .check("products", "products", publishBody("products", withSku))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("PASSED");
    registry
        .check(
            "products",
            "products",
            publishBody("products", PRODUCTS_V1.replace(" price: Int!", "")))
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("REJECTED");
    registry.expectLength("/subgraphs/products/versions", 1);
  }

  @Test
  void parallelPublishesOfDifferentSubgraphsAreAllKept() {
    publish("products", publishBody("products", PRODUCTS_V1)).expectStatus().isOk();
    var futures = new ArrayList<CompletableFuture<Void>>();
    List<String> names = IntStream.rangeClosed(1, 6).mapToObj(i -> "extra" + i).toList();
    for (String name : names) {
      String sdl =
          FEDERATION + "type Product @key(fields: \"id\") { id: ID! " + name + "Score: Int }";
      futures.add(
          CompletableFuture.runAsync(
              () -> publish(name, publishBody(name, sdl)).expectStatus().isOk()));
    }
    futures.forEach(CompletableFuture::join);
    String supergraph = supergraph();
    names.forEach(name -> assertThat(supergraph).contains(name + "Score: Int"));
    registry.expectLength("/subgraphs", 7);
    registry.expectLength("/supergraph/versions", 7);
  }
}
