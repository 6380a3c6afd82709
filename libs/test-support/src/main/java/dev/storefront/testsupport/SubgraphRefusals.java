package dev.storefront.testsupport;

import org.springframework.test.web.reactive.server.WebTestClient;

/** Assertions on a subgraph turning a caller away before GraphQL runs. */
public final class SubgraphRefusals {

  private SubgraphRefusals() {}

  /** 401 with the GraphQL-shaped UNAUTHENTICATED error and no data at all. */
  public static void expectUnauthenticated(WebTestClient.ResponseSpec response) {
    response
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("UNAUTHENTICATED")
        .jsonPath("$.data")
        .doesNotExist();
  }
}
