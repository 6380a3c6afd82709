package dev.storefront.events.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.UUID;

/**
 * The paid order's units left stock. {@code afterExpiry}: the hold had run out and the units were
 * taken again.
 */
@EventType(name = "StockCommitted", version = 1, producer = "inventory")
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockCommitted(UUID orderId, boolean afterExpiry) implements IntegrationEvent {}
