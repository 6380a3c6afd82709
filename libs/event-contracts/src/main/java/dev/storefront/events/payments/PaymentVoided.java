package dev.storefront.events.payments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.UUID;

/** An authorised payment was voided at the processor because its order was cancelled. */
@EventType(name = "PaymentVoided", version = 1, producer = "payments")
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentVoided(UUID orderId, UUID paymentId, String reason)
    implements IntegrationEvent {}
