package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.REVIEWS_V1;
import static dev.storefront.registry.RegistryFixture.bearer;
import static dev.storefront.registry.RegistryFixture.publishBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Each principal stays inside its rights; a refused write stores nothing and is recorded. */
@RegistryTest
class RegistryAccessTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient database;

  @BeforeEach
  void emptyRegistry() {
    RegistryFixture.reset(database);
  }

  WebTestClient.ResponseSpec publish(String name, String authorization, Map<String, Object> body) {
    var request = web.post().uri("/subgraphs/{name}/publish", name);
    if (authorization != null) {
      request = request.header("Authorization", authorization);
    }
    return request.bodyValue(body).exchange();
  }

  void nothingStored() {
    web.get().uri("/subgraphs").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
    web.get().uri("/supergraph").exchange().expectStatus().isNotFound();
  }

  @Test
  void aPublishWithoutATokenIsUnauthenticatedAndRecorded() {
    publish("products", null, publishBody("products", PRODUCTS_V1))
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
    web.get()
        .uri("/writes")
        .exchange()
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
      publish("products", authorization, publishBody("products", PRODUCTS_V1))
          .expectStatus()
          .isUnauthorized();
    }
    nothingStored();
    web.get()
        .uri("/writes")
        .exchange()
        .expectBody()
        .jsonPath("$[*].actor")
        .isEqualTo(List.of("unknown-token", "unknown-token", "unknown-token"));
  }

  @Test
  void aSubgraphCannotPublishOrCheckAnotherSubgraphsSchema() {
    publish("products", bearer("reviews"), publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("reviews").contains("products"));
    web.post()
        .uri("/subgraphs/products/check")
        .header("Authorization", bearer("reviews"))
        .bodyValue(publishBody("products", PRODUCTS_V1))
        .exchange()
        .expectStatus()
        .isForbidden();
    nothingStored();
  }

  @Test
  void clientsTheRouterAndAdministratorsDoNotPublishSchemas() {
    for (String principal : List.of("web", "router", "admin")) {
      publish("products", bearer(principal), publishBody("products", PRODUCTS_V1))
          .expectStatus()
          .isForbidden();
    }
    nothingStored();
  }

  @Test
  void aRoutingUrlOffTheSubgraphsAllowListIsRefusedNamingIt() {
    var foreign = publishBody("products", PRODUCTS_V1);
    foreign.put("url", "http://203.0.113.9/graphql");
    publish("products", bearer("products"), foreign)
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("http://203.0.113.9/graphql"));
    // Another subgraph's URL is just as foreign.
    publish("products", bearer("products"), publishBody("reviews", PRODUCTS_V1))
        .expectStatus()
        .isForbidden();
    nothingStored();
  }

  @Test
  void refusalsAfterAGoodPublishLeaveTheHistoryAsItWas() {
    publish("products", bearer("products"), publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isOk();
    String before =
        web.get()
            .uri("/supergraph")
            .exchange()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    var changed = publishBody("products", PRODUCTS_V1.replace("price: Int!", "price: Int! x: Int"));
    publish("products", null, changed).expectStatus().isUnauthorized();
    publish("products", bearer("reviews"), changed).expectStatus().isForbidden();
    changed.put("url", "http://203.0.113.9/graphql");
    publish("products", bearer("products"), changed).expectStatus().isForbidden();
    web.post()
        .uri("/subgraphs/products/rollback")
        .header("Authorization", bearer("products"))
        .bodyValue(Map.of("version", 1))
        .exchange()
        .expectStatus()
        .isForbidden();
    web.get()
        .uri("/subgraphs/products/versions")
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(1);
    web.get()
        .uri("/supergraph/versions")
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(1);
    assertThat(
            web.get()
                .uri("/supergraph")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .isEqualTo(before);
  }

  @Test
  void theHistoryShowsWhoPublishedAndWhoRolledBack() {
    publish("products", bearer("products"), publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isOk();
    publish("reviews", bearer("reviews"), publishBody("reviews", REVIEWS_V1)).expectStatus().isOk();
    publish(
            "reviews",
            bearer("reviews"),
            publishBody(
                "reviews", REVIEWS_V1.replace("rating: Int!", "rating: Int! title: String")))
        .expectStatus()
        .isOk();
    web.post()
        .uri("/subgraphs/reviews/rollback")
        .header("Authorization", bearer("admin"))
        .bodyValue(Map.of("version", 1, "acceptBreaking", true))
        .exchange()
        .expectStatus()
        .isOk();
    web.get()
        .uri("/subgraphs/products/versions")
        .exchange()
        .expectBody()
        .jsonPath("$[0].publishedBy")
        .isEqualTo("products");
    web.get()
        .uri("/subgraphs/reviews/versions")
        .exchange()
        .expectBody()
        .jsonPath("$[*].publishedBy")
        .isEqualTo(List.of("reviews", "reviews", "admin"));
    web.get()
        .uri("/supergraph/versions")
        .exchange()
        .expectBody()
        .jsonPath("$[*].publishedBy")
        .isEqualTo(List.of("admin", "reviews", "reviews", "products"));
    web.get()
        .uri("/writes?target=reviews")
        .exchange()
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
    publish("products", bearer("products"), publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isOk();
    var webManifest = OperationCheckTest.manifest("query WebPrices { products { id price } }");
    var mobileManifest = OperationCheckTest.manifest("query MobileNames { products { name } }");
    web.put()
        .uri("/clients/web/versions/1/manifest")
        .header("Authorization", bearer("web"))
        .bodyValue(webManifest)
        .exchange()
        .expectStatus()
        .isOk();
    for (String principal : List.of("mobile", "router", "products")) {
      web.put()
          .uri("/clients/web/versions/1/manifest")
          .header("Authorization", bearer(principal))
          .bodyValue(mobileManifest)
          .exchange()
          .expectStatus()
          .isForbidden();
    }
    web.put()
        .uri("/clients/web/versions/1/manifest")
        .bodyValue(mobileManifest)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    web.delete()
        .uri("/clients/web/versions/1")
        .header("Authorization", bearer("mobile"))
        .exchange()
        .expectStatus()
        .isForbidden();
    web.delete()
        .uri("/clients/web/versions/1")
        .header("Authorization", bearer("web"))
        .exchange()
        .expectStatus()
        .isForbidden();
    web.get()
        .uri("/clients/web/versions/1/manifest")
        .exchange()
        .expectBody()
        .jsonPath("$.operations[*].name")
        .isEqualTo(List.of("WebPrices"));
    web.get()
        .uri("/clients")
        .exchange()
        .expectBody()
        .jsonPath("$[0].registeredBy")
        .isEqualTo("web");
    web.delete()
        .uri("/clients/web/versions/1")
        .header("Authorization", bearer("admin"))
        .exchange()
        .expectStatus()
        .isOk();
    web.get()
        .uri("/writes?target=web@1")
        .exchange()
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
    publish("products", bearer("products"), publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isOk();
    web.get().uri("/supergraph").exchange().expectStatus().isOk();
    web.get()
        .uri("/supergraph")
        .header("Authorization", "Bearer not-a-principal")
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }
}
