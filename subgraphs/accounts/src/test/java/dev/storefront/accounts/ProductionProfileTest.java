package dev.storefront.accounts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * In production accounts starts with neither the demo data (whose administrator has a password
 * published in this repository) nor without the router's credential.
 */
class ProductionProfileTest {

  /** Starts accounts with these settings as command-line arguments, over application.yml. */
  static void start(String... settings) {
    var args =
        Stream.concat(
                Stream.of("--storefront.profile=production", "--server.port=0"),
                Arrays.stream(settings).map(setting -> "--" + setting))
            .toArray(String[]::new);
    new SpringApplicationBuilder(AccountsApplication.class).run(args).close();
  }

  @Test
  void refusesTheDemoDataAndItsAdministrator() {
    assertThatThrownBy(() -> start("storefront.router.shared-secret=s3cret-of-my-own"))
        .rootCause()
        .hasMessageContaining("demo administrator")
        .hasMessageContaining("STOREFRONT_DEMO_DATA_ENABLED=false");
  }

  @Test
  void refusesToStartWithoutTheRoutersCredential() {
    assertThatThrownBy(() -> start("storefront.demo-data.enabled=false"))
        .rootCause()
        .hasMessageContaining("STOREFRONT_ROUTER_SHARED_SECRET");
  }
}
