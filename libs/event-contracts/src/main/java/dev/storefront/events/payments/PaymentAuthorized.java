package dev.storefront.events.payments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.Amount;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.UUID;

/** The processor authorised the order's payment ({@code processorReference}: its intent id). */
@EventType(name = "PaymentAuthorized", version = 1, producer = "payments")
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentAuthorized(
    UUID orderId, UUID paymentId, String processorReference, Amount amount)
    implements IntegrationEvent {}
