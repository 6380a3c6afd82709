package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.bearer;
import static dev.storefront.registry.RegistryFixture.publishBody;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A runner that does not answer in time is killed; the caller gets 503 and nothing is stored. */
@RegistryTest
@TestPropertySource(properties = "storefront.registry.runner-timeout=1ms")
class RunnerTimeoutTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient database;

  @Test
  void aRunnerThatTimesOutIsAServiceUnavailableAndStoresNothing() {
    RegistryFixture.reset(database);
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(publishBody("products", PRODUCTS_V1))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, detail -> assertThat(detail).contains("nothing was stored"))
        .jsonPath("$.cause")
        .value(String.class, cause -> assertThat(cause).contains("did not answer within"));
    web.get().uri("/subgraphs").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
  }
}
