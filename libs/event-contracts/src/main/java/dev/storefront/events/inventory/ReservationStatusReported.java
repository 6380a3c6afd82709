package dev.storefront.events.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.UUID;

/**
 * Inventory's answer to OrderReconciliationRequested: the order's reservation as it stands, {@code
 * NONE}, {@code RESERVED}, {@code COMMITTED} or {@code RELEASED}.
 */
@EventType(name = "ReservationStatusReported", version = 1, producer = "inventory")
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReservationStatusReported(UUID orderId, String status) implements IntegrationEvent {

  public static final String NONE = "NONE";
  public static final String RESERVED = "RESERVED";
  public static final String COMMITTED = "COMMITTED";
  public static final String RELEASED = "RELEASED";
}
