package dev.storefront.events.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.UUID;

/**
 * An order has waited in {@code status} longer than its step should take: inventory and payments
 * answer with what they know of it (ReservationStatusReported, PaymentStatusReported).
 */
@EventType(name = "OrderReconciliationRequested", version = 1, producer = "orders")
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderReconciliationRequested(UUID orderId, String status)
    implements IntegrationEvent {}
