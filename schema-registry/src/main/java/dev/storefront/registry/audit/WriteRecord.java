package dev.storefront.registry.audit;

import java.time.OffsetDateTime;

/**
 * One write the registry was asked for. {@code actor} is the principal's name, {@code anonymous}
 * without a token, {@code unknown-token} for a token no principal has; {@code status} the HTTP
 * status answered; {@code outcome} what happened (PUBLISHED, REJECTED, REFUSED, ...).
 */
public record WriteRecord(
    long id,
    OffsetDateTime at,
    String actor,
    String action,
    String target,
    int status,
    String outcome) {}
