package dev.storefront.bff.operations;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code persistedOperations}: UP once the schema registry accepted the BFF's manifest. Part of the
 * readiness group, so the BFF is only called ready when the router can run its operations.
 */
public class PersistedOperationsHealthIndicator implements HealthIndicator {

  private final OperationRegistration registration;
  private final PersistedOperations operations;

  /**
   * @param registration null when registration is turned off ({@code
   *     storefront.bff.registration.enabled=false}): then always UP
   */
  public PersistedOperationsHealthIndicator(
      OperationRegistration registration, PersistedOperations operations) {
    this.registration = registration;
    this.operations = operations;
  }

  @Override
  public Health health() {
    if (registration == null) {
      return Health.up()
          .withDetail("registration", "disabled")
          .withDetail("operations", operations.all().size())
          .build();
    }
    var state = registration.state();
    Health.Builder builder = state.registered() ? Health.up() : Health.down();
    builder
        .withDetail("client", registration.client())
        .withDetail("version", registration.version())
        .withDetail("operations", operations.all().size())
        .withDetail("attempts", state.attempts());
    if (state.registeredAt() != null) {
      builder.withDetail("registeredAt", state.registeredAt().toString());
    }
    if (!state.registered() && state.lastError() != null) {
      String error = state.lastError();
      builder.withDetail("lastError", error.length() > 300 ? error.substring(0, 300) + "…" : error);
    }
    return builder.build();
  }
}
