package dev.storefront.service.profile;

import java.util.Arrays;
import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * Where a service runs: {@code development} (the default: a laptop, CI, the demo) or {@code
 * production} ({@value #PROPERTY}, environment variable {@code STOREFRONT_PROFILE}). Production
 * refuses to start on anything that is only safe on a developer's machine: a missing credential, a
 * secret that ships in this repository, demo data. A refusal names the setting, so the operator
 * knows what to set.
 */
public final class DeploymentProfile {

  public static final String PROPERTY = "storefront.profile";
  public static final String DEVELOPMENT = "development";
  public static final String PRODUCTION = "production";

  private final String name;

  private DeploymentProfile(String name) {
    this.name = name;
  }

  public static DeploymentProfile of(Environment environment) {
    return named(environment.getProperty(PROPERTY, DEVELOPMENT));
  }

  public static DeploymentProfile named(String name) {
    String normalised =
        name == null || name.isBlank() ? DEVELOPMENT : name.trim().toLowerCase(Locale.ROOT);
    if (!normalised.equals(DEVELOPMENT) && !normalised.equals(PRODUCTION)) {
      throw new IllegalStateException(
          "STOREFRONT_PROFILE must be 'development' or 'production', not '" + name + "'");
    }
    return new DeploymentProfile(normalised);
  }

  public String name() {
    return name;
  }

  public boolean isProduction() {
    return PRODUCTION.equals(name);
  }

  /**
   * In production, stops start-up unless {@code value} is set and is none of the values the
   * repository ships for development.
   *
   * @param setting the environment variable an operator sets, for the message
   */
  public void requireSecret(String setting, String value, String... developmentValues) {
    if (!isProduction()) {
      return;
    }
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "the production profile needs " + setting + " (it is not set)");
    }
    if (Arrays.asList(developmentValues).contains(value)) {
      throw new IllegalStateException(
          "the production profile refuses the development value of "
              + setting
              + " that ships in the repository: set a secret of your own");
    }
  }

  /** In production, stops start-up when {@code unsafe} holds, saying {@code why}. */
  public void refuse(boolean unsafe, String why) {
    if (isProduction() && unsafe) {
      throw new IllegalStateException("the production profile refuses to start: " + why);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
