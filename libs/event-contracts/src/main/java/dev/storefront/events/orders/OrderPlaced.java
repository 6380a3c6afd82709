package dev.storefront.events.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.Amount;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.List;
import java.util.UUID;

/**
 * An order was placed (PENDING): inventory reserves its units. Version 2 sends product ids as
 * numbers; version 1 sent them as strings, which still parse.
 */
@EventType(name = "OrderPlaced", version = 2, producer = "orders")
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderPlaced(UUID orderId, String userId, List<Item> items, Amount total)
    implements IntegrationEvent {

  /** One order line with the unit price captured at checkout. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Item(long productId, int quantity, String unitPrice) {}
}
