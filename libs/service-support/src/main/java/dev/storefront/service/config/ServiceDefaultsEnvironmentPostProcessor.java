package dev.storefront.service.config;

import dev.storefront.telemetry.ClasspathYamlDefaults;

/**
 * The settings every service shares (probes, graceful shutdown, how the database URL is built),
 * beside the telemetry library's (traces, JSON logs, metrics).
 */
public class ServiceDefaultsEnvironmentPostProcessor extends ClasspathYamlDefaults {

  static final String RESOURCE = "storefront/service-defaults.yml";

  public ServiceDefaultsEnvironmentPostProcessor() {
    super("storefront-service-defaults", RESOURCE);
  }
}
