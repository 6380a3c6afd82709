package dev.storefront.events.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order is paid and its stock committed: the cart drops the bought units. {@code cartUpdatedAt}
 * is the cart's {@code updatedAt} as checkout read it: only lines that were in the cart then are
 * taken out, so a late confirmation never empties a cart the user has cleared and filled again
 * since. Version 3 added it (versions 1 and 2 parse with it null: every line counts); version 2
 * sends product ids as numbers; version 1 sent strings, which still parse.
 */
@EventType(name = "OrderConfirmed", version = 3, producer = "orders")
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderConfirmed(UUID orderId, String userId, List<Item> items, Instant cartUpdatedAt)
    implements IntegrationEvent {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Item(long productId, int quantity) {}
}
