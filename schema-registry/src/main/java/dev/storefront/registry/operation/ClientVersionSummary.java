package dev.storefront.registry.operation;

import java.time.OffsetDateTime;

public record ClientVersionSummary(
    String client,
    String clientVersion,
    long operations,
    OffsetDateTime registeredAt,
    String registeredBy) {}
