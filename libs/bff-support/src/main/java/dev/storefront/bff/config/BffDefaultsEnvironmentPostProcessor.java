package dev.storefront.bff.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the BFF defaults (storefront/bff-defaults.yml) just above service-support's defaults, below
 * everything else: a BFF's application.yml and the environment override them.
 */
public class BffDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String RESOURCE = "storefront/bff-defaults.yml";
  static final String SERVICE_DEFAULTS = "storefront-service-defaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    try {
      var sources = environment.getPropertySources();
      var loaded =
          new YamlPropertySourceLoader()
              .load("storefront-bff-defaults", new ClassPathResource(RESOURCE));
      for (var source : loaded) {
        if (sources.contains(SERVICE_DEFAULTS)) {
          sources.addBefore(SERVICE_DEFAULTS, source);
        } else {
          // service-support's defaults, when added later, go last: below these.
          sources.addLast(source);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
