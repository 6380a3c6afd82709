package dev.storefront.orders.order;

import java.time.OffsetDateTime;

public record OrderStatusChange(
    String orderId, OrderStatus status, OffsetDateTime at, String reason) {}
