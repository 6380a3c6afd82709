package dev.storefront.events.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.List;
import java.util.UUID;

/**
 * Not enough stock for the order: nothing was held. Version 2 sends product ids as numbers; version
 * 1 sent strings, which still parse.
 */
@EventType(name = "StockReservationRejected", version = 2, producer = "inventory")
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockReservationRejected(UUID orderId, String reason, List<Shortage> shortages)
    implements IntegrationEvent {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Shortage(long productId, int requested, int available) {}
}
