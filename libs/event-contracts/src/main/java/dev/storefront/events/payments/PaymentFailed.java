package dev.storefront.events.payments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.UUID;

/**
 * The order's payment failed (declined, processor unavailable, timed out, order cancelled): nothing
 * is charged.
 */
@EventType(name = "PaymentFailed", version = 1, producer = "payments")
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentFailed(UUID orderId, UUID paymentId, String reason)
    implements IntegrationEvent {}
