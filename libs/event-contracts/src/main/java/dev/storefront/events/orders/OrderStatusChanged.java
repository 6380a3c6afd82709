package dev.storefront.events.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.UUID;

/**
 * An order moved to {@code status} (an OrderStatus name); {@code reason} for final failures. Four
 * or more per order, read only by the status subscriptions: on a stream of its own, so the saga's
 * consumers of the orders topic do not fetch and skip them.
 */
@EventType(name = "OrderStatusChanged", version = 1, producer = "orders", stream = "status")
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderStatusChanged(UUID orderId, String userId, String status, String reason)
    implements IntegrationEvent {}
