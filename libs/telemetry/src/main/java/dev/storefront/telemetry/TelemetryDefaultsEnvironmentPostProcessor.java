package dev.storefront.telemetry;

/**
 * Tracing, JSON logging and metrics defaults of every Storefront process (telemetry-defaults.yml).
 */
public class TelemetryDefaultsEnvironmentPostProcessor extends ClasspathYamlDefaults {

  static final String RESOURCE = "storefront/telemetry-defaults.yml";

  public TelemetryDefaultsEnvironmentPostProcessor() {
    super("storefront-telemetry-defaults", RESOURCE);
  }
}
