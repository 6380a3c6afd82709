package dev.storefront.inventory.reservation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code inventory.reservations.*}: how long stock stays held and how often expiry is checked. */
@ConfigurationProperties("inventory.reservations")
public record ReservationSettings(Duration ttl, Duration sweepInterval) {}
