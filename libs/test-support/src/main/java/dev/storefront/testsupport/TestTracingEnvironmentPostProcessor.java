package dev.storefront.testsupport;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On the test classpath only: a test's spans never reach the Zipkin of a platform running on the
 * same machine. Only the Zipkin exporter is switched off: Spring Boot turns trace propagation off
 * together with all export, and tests check that trace context travels.
 */
public class TestTracingEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String ZIPKIN_EXPORT = "management.tracing.export.zipkin.enabled";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("storefront-test-tracing", Map.of(ZIPKIN_EXPORT, "false")));
  }
}
