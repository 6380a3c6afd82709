package dev.storefront.testsupport;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On the test classpath only: points the service at {@code <database>_test} (and its own Redis
 * stream namespace) so a test run never reads or changes the data of a platform running on the same
 * machine.
 */
public class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String PROPERTY = "storefront.database.name";
  static final String SUFFIX = "_test";
  static final String STREAM_NAMESPACE = "storefront.messaging.namespace";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String name = environment.getProperty(PROPERTY);
    if (name != null && !name.endsWith(SUFFIX)) {
      environment
          .getPropertySources()
          .addFirst(
              new MapPropertySource("storefront-test-database", Map.of(PROPERTY, name + SUFFIX)));
    }
    // Event streams too: a test's events never reach a running platform, nor another service's
    // tests (each test feeds the events its service consumes itself).
    String service = environment.getProperty("spring.application.name", "service");
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "storefront-test-streams", Map.of(STREAM_NAMESPACE, "storefront-test-" + service)));
  }
}
