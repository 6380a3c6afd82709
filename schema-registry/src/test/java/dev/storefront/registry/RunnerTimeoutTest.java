package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.publishBody;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

/** A runner that does not answer in time is killed; the caller gets 503 and nothing is stored. */
@RegistryTest
@TestPropertySource(properties = "storefront.registry.runner-timeout=1ms")
class RunnerTimeoutTest {

  @Autowired RegistryRequests registry;

  @Test
  void aRunnerThatTimesOutIsAServiceUnavailableAndStoresNothing() {
    registry.reset();
    registry
        .publish("products", "products", publishBody("products", PRODUCTS_V1))
        .expectStatus()
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, detail -> assertThat(detail).contains("nothing was stored"))
        .jsonPath("$.cause")
        .value(String.class, cause -> assertThat(cause).contains("did not answer within"));
    registry.expectLength("/subgraphs", 0);
  }
}
