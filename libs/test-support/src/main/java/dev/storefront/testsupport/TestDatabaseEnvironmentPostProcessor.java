package dev.storefront.testsupport;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On the test classpath only: points the service at {@code <database>_test} so a test run never
 * reads or changes the data of a platform running on the same machine.
 */
public class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String PROPERTY = "storefront.database.name";
  static final String SUFFIX = "_test";

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
  }
}
