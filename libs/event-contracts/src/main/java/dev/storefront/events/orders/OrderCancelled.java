package dev.storefront.events.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.UUID;

/**
 * The saga gave up on an order (a step missed its deadline, or its stock was released before it was
 * paid): inventory releases whatever it holds for it and payments cancels or voids its payment.
 * Both also remember the order, so a late OrderPlaced or StockReserved does nothing.
 */
@EventType(name = "OrderCancelled", version = 1, producer = "orders")
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderCancelled(UUID orderId, String userId, String reason)
    implements IntegrationEvent {}
