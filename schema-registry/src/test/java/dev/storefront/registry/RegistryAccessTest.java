package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.REVIEWS_V1;
import static dev.storefront.registry.RegistryFixture.publishBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Each principal stays inside its rights; a refused write stores nothing and is recorded. */
@RegistryTest
class RegistryAccessTest {

  @Autowired RegistryRequests registry;
  @Autowired WebTestClient web;

  @BeforeEach
  void emptyRegistry() {
    registry.reset();
  }

  void nothingStored() {
    registry.expectLength("/subgraphs", 0);
    registry.get("/supergraph", null).expectStatus().isNotFound();
  }

  @Test
  void aPublishWithoutATokenIsUnauthenticatedAndRecorded() {
    registry
        .publish("products", null, publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .value("WWW-Authenticate", v -> assertThat(v).startsWith("Bearer"))
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("Authorization: Bearer"));
    nothingStored();
    registry
        .get("/writes", null)
        .expectBody()
        .jsonPath("$[0].actor")
        .isEqualTo("anonymous")
        .jsonPath("$[0].action")
        .isEqualTo("publish")
        .jsonPath("$[0].status")
        .isEqualTo(401);
  }

  @Test
  void unknownTokensAndOtherSchemesAreUnauthenticated() {
    for (String authorization :
        List.of("Bearer products-wrong-token", "Basic cHJvZHVjdHM6eA==", "products-test-token")) {
      registry
          .publishWithAuthorization("products", authorization, publishBody("products", PRODUCTS_V1))
          .expectStatus()
          .isUnauthorized();
    }
    nothingStored();
    registry
        .get("/writes", null)
        .expectBody()
        .jsonPath("$[*].actor")
        .isEqualTo(List.of("unknown-token", "unknown-token", "unknown-token"));
  }

  @Test
  void aSubgraphCannotPublishOrCheckAnotherSubgraphsSchema() {
    registry
        .publish("products", "reviews", publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("reviews").contains("products"));
    registry
        .check("products", "reviews", publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isForbidden();
    nothingStored();
  }

  @Test
  void clientsTheRouterAndAdministratorsDoNotPublishSchemas() {
    for (String principal : List.of("web", "router", "admin")) {
      registry
          .publish("products", principal, publishBody("products", PRODUCTS_V1))
          .expectStatus()
          .isForbidden();
    }
    nothingStored();
  }

  @Test
  void aRoutingUrlOffTheSubgraphsAllowListIsRefusedNamingIt() {
    var foreign = publishBody("products", PRODUCTS_V1);
    foreign.put("url", "http://203.0.113.9/graphql");
    registry
        .publish("products", "products", foreign)
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("http://203.0.113.9/graphql"));
    // Another subgraph's URL is just as foreign.
    registry
        .publish("products", "products", publishBody("reviews", PRODUCTS_V1))
        .expectStatus()
        .isForbidden();
    nothingStored();
  }

  @Test
  void refusalsAfterAGoodPublishLeaveTheHistoryAsItWas() {
    registry
        .publish("products", "products", publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isOk();
    String before = registry.supergraph();
    var changed = publishBody("products", PRODUCTS_V1.replace("price: Int!", "price: Int! x: Int"));
    registry.publish("products", null, changed).expectStatus().isUnauthorized();
    registry.publish("products", "reviews", changed).expectStatus().isForbidden();
    changed.put("url", "http://203.0.113.9/graphql");
    registry.publish("products", "products", changed).expectStatus().isForbidden();
    registry.rollback("products", "products", Map.of("version", 1)).expectStatus().isForbidden();
    registry.expectLength("/subgraphs/products/versions", 1);
    registry.expectLength("/supergraph/versions", 1);
    assertThat(registry.supergraph()).isEqualTo(before);
  }

  @Test
  void theHistoryShowsWhoPublishedAndWhoRolledBack() {
    registry
        .publish("products", "products", publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isOk();
    registry
        .publish("reviews", "reviews", publishBody("reviews", REVIEWS_V1))
        .expectStatus()
        .isOk();
    registry
        .publish(
            "reviews",
            "reviews",
            publishBody(
                "reviews", REVIEWS_V1.replace("rating: Int!", "rating: Int! title: String")))
        .expectStatus()
        .isOk();
    registry
        .rollback("reviews", "admin", Map.of("version", 1, "acceptBreaking", true))
        .expectStatus()
        .isOk();
    registry
        .get("/subgraphs/products/versions", null)
        .expectBody()
        .jsonPath("$[0].publishedBy")
        .isEqualTo("products");
    registry
        .get("/subgraphs/reviews/versions", null)
        .expectBody()
        .jsonPath("$[*].publishedBy")
        .isEqualTo(List.of("reviews", "reviews", "admin"));
    registry
        .get("/supergraph/versions", null)
        .expectBody()
        .jsonPath("$[*].publishedBy")
        .isEqualTo(List.of("admin", "reviews", "reviews", "products"));
    registry
        .get("/writes?target=reviews", null)
        .expectBody()
        .jsonPath("$[0].actor")
        .isEqualTo("admin")
        .jsonPath("$[0].action")
        .isEqualTo("rollback")
        .jsonPath("$[1].actor")
        .isEqualTo("reviews")
        .jsonPath("$[1].outcome")
        .value(String.class, o -> assertThat(o).startsWith("PUBLISHED"))
        .jsonPath("$[0].at")
        .isNotEmpty();
  }

  @Test
  void aClientRegistersOnlyItsOwnManifestsAndOnlyAnAdministratorRetiresThem() {
    registry
        .publish("products", "products", publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isOk();
    var webManifest = OperationCheckTest.manifest("query WebPrices { products { id price } }");
    var mobileManifest = OperationCheckTest.manifest("query MobileNames { products { name } }");
    registry.registerManifest("web", "1", "web", webManifest).expectStatus().isOk();
    for (String principal : List.of("mobile", "router", "products")) {
      registry.registerManifest("web", "1", principal, mobileManifest).expectStatus().isForbidden();
    }
    registry.registerManifest("web", "1", null, mobileManifest).expectStatus().isUnauthorized();
    registry.retire("web", "1", "mobile").expectStatus().isForbidden();
    registry.retire("web", "1", "web").expectStatus().isForbidden();
    registry
        .get("/clients/web/versions/1/manifest", null)
        .expectBody()
        .jsonPath("$.operations[*].name")
        .isEqualTo(List.of("WebPrices"));
    registry.get("/clients", null).expectBody().jsonPath("$[0].registeredBy").isEqualTo("web");
    registry.retire("web", "1", "admin").expectStatus().isOk();
    registry
        .get("/writes?target=web@1", null)
        .expectBody()
        .jsonPath("$[0].actor")
        .isEqualTo("admin")
        .jsonPath("$[1].actor")
        .isEqualTo("web")
        .jsonPath("$[1].status")
        .isEqualTo(HttpStatus.FORBIDDEN.value());
  }

  @Test
  void readsInDevelopmentNeedNoTokenButRefuseAnUnknownOne() {
    registry
        .publish("products", "products", publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isOk();
    registry.get("/supergraph", null).expectStatus().isOk();
    web.get()
        .uri("/supergraph")
        .header("Authorization", "Bearer not-a-principal")
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }
}
