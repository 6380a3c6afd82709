package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.publishBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** A development registry started without a principals file takes no writes at all. */
@ServiceTest
@Import(RegistryRequests.class)
class WithoutPrincipalsTest {

  @Autowired RegistryRequests registry;

  @Test
  void everyWriteIsRefused() {
    registry.reset();
    registry
        .publish("products", "products", publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isUnauthorized();
    registry
        .publish("products", null, publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("STOREFRONT_REGISTRY_PRINCIPALS_FILE"));
    registry
        .registerManifest(
            "web", "1", "web", OperationCheckTest.manifest("query Names { products { name } }"))
        .expectStatus()
        .isUnauthorized();
    registry.expectLength("/subgraphs", 0);
  }
}
