package dev.storefront.events.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.UUID;

/** An order moved to {@code status} (an OrderStatus name); {@code reason} for final failures. */
@EventType(name = "OrderStatusChanged", version = 1, producer = "orders")
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderStatusChanged(UUID orderId, String userId, String status, String reason)
    implements IntegrationEvent {}
