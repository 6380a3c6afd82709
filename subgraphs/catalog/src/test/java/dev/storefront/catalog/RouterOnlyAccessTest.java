package dev.storefront.catalog;

import dev.storefront.graphql.access.RouterOnlyFilter;
import dev.storefront.testsupport.SubgraphRefusals;
import dev.storefront.testsupport.SubgraphTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With a shared secret configured, only callers presenting it (the router) reach GraphQL. */
@SubgraphTest
@TestPropertySource(properties = "storefront.router.shared-secret=s3cret-for-this-test")
class RouterOnlyAccessTest {

  @Autowired WebTestClient web;

  static final Map<String, String> QUERY = Map.of("query", "{ product(id: \"1\") { name } }");

  @Test
  void callsWithoutTheSecretAreUnauthenticated() {
    SubgraphRefusals.expectUnauthenticated(web.post().uri("/graphql").bodyValue(QUERY).exchange());
    web.post()
        .uri("/graphql")
        .header(RouterOnlyFilter.HEADER, "s3cret-for-this-tesX")
        .bodyValue(QUERY)
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void theRouterWithTheSecretIsServed() {
    web.post()
        .uri("/graphql")
        .header(RouterOnlyFilter.HEADER, "s3cret-for-this-test")
        .bodyValue(QUERY)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.product.name")
        .isNotEmpty();
  }

  @Test
  void healthAndMetricsStayOpenToThePlatform() {
    web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
  }
}
