package dev.storefront.messaging;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A past-tense record of something that happened in one service ({@code OrderPlaced}, {@code
 * StockReserved}, ...), as it travels from the outbox through a Redis stream to consumers.
 *
 * @param id unique per event; consumers deduplicate on it
 * @param aggregateId the entity it is about (an order id for every checkout event)
 */
public record Event(
    UUID id, String type, String aggregateId, Instant occurredAt, JsonNode payload) {}
