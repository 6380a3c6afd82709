package dev.storefront.messaging.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the Kafka client defaults of every service that uses messaging
 * (storefront/messaging-defaults.yml) with the lowest precedence, beside service-support's: a
 * service's application.yml and the environment override them.
 */
public class MessagingDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String RESOURCE = "storefront/messaging-defaults.yml";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    try {
      new YamlPropertySourceLoader()
          .load("storefront-messaging-defaults", new ClassPathResource(RESOURCE))
          .forEach(source -> environment.getPropertySources().addLast(source));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
