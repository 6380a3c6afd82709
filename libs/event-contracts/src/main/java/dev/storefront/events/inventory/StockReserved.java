package dev.storefront.events.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.Amount;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.time.Instant;
import java.util.UUID;

/** The order's units are held until {@code expiresAt}: payments charges {@code total}. */
@EventType(name = "StockReserved", version = 1, producer = "inventory")
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockReserved(UUID orderId, String userId, Amount total, Instant expiresAt)
    implements IntegrationEvent {}
