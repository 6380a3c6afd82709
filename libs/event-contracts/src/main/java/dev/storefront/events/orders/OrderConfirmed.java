package dev.storefront.events.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.List;
import java.util.UUID;

/**
 * An order is paid and its stock committed: the cart drops the bought units. Version 2 sends
 * product ids as numbers; version 1 sent strings, which still parse.
 */
@EventType(name = "OrderConfirmed", version = 2, producer = "orders")
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderConfirmed(UUID orderId, String userId, List<Item> items)
    implements IntegrationEvent {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Item(long productId, int quantity) {}
}
