package dev.storefront.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds a library's defaults (a YAML file on the classpath) with the lowest precedence, so a
 * service's application.yml and the environment still override each of them. Each library that
 * ships defaults subclasses it with its own file.
 */
public abstract class ClasspathYamlDefaults implements EnvironmentPostProcessor {

  private final String name;
  private final String resource;

  protected ClasspathYamlDefaults(String name, String resource) {
    this.name = name;
    this.resource = resource;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    try {
      new YamlPropertySourceLoader()
          .load(name, new ClassPathResource(resource))
          .forEach(source -> environment.getPropertySources().addLast(source));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
