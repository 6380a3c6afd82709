package dev.storefront.testsupport;

import java.security.SecureRandom;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On the test classpath only: points the service at {@code <database>_test} and at a messaging
 * namespace of its own, so a test run never reads or changes the data or events of a platform
 * running on the same machine.
 */
public class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String PROPERTY = "storefront.database.name";
  static final String SUFFIX = "_test";
  static final String MESSAGING_NAMESPACE = "storefront.messaging.namespace";

  /**
   * One per test JVM, shared by the contexts it starts: they see each other's events, while runs on
   * other machines' or engineers' JVMs sharing the broker never do.
   */
  private static final String RUN = randomRunId();

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
    // Topics too: a test's events never reach a running platform, nor another test run (each
    // test feeds the events its service consumes itself).
    String service = environment.getProperty("spring.application.name", "service");
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "storefront-test-messaging",
                Map.of(MESSAGING_NAMESPACE, "storefront-test-" + service + "-" + RUN)));
  }

  private static String randomRunId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    var random = new SecureRandom();
    var id = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }
}
