package dev.storefront.events.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.UUID;

/**
 * The units held for the order are available again. {@code reason}: {@code PAYMENT_FAILED}, {@code
 * EXPIRED} (the hold ran out) or {@code ORDER_CANCELLED}.
 */
@EventType(name = "StockReleased", version = 1, producer = "inventory")
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockReleased(UUID orderId, String reason) implements IntegrationEvent {

  public static final String PAYMENT_FAILED = "PAYMENT_FAILED";
  public static final String EXPIRED = "EXPIRED";
  public static final String ORDER_CANCELLED = "ORDER_CANCELLED";
}
