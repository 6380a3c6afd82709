package dev.storefront.payments.payment;

import dev.storefront.graphql.money.Money;
import java.time.OffsetDateTime;

public record Payment(
    String id,
    String orderId,
    String userId,
    String status,
    Money amount,
    String processorReference,
    String failureReason,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
