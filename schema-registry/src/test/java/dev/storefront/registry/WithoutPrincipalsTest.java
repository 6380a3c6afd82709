package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.bearer;
import static dev.storefront.registry.RegistryFixture.publishBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A development registry started without a principals file takes no writes at all. */
@ServiceTest
class WithoutPrincipalsTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient database;

  @Test
  void everyWriteIsRefused() {
    RegistryFixture.reset(database);
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(publishBody("products", PRODUCTS_V1))
        .exchange()
        .expectStatus()
        .isUnauthorized();
    web.post()
        .uri("/subgraphs/products/publish")
        .bodyValue(publishBody("products", PRODUCTS_V1))
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("STOREFRONT_REGISTRY_PRINCIPALS_FILE"));
    web.put()
        .uri("/clients/web/versions/1/manifest")
        .header("Authorization", bearer("web"))
        .bodyValue(OperationCheckTest.manifest("query Names { products { name } }"))
        .exchange()
        .expectStatus()
        .isUnauthorized();
    web.get().uri("/subgraphs").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
  }
}
