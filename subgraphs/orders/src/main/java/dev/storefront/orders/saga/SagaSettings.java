package dev.storefront.orders.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.saga.*}: how long an order may wait in each status before the saga acts.
 *
 * @param reconcileAfter a non-final order unmoved for this long is asked about, at most once per
 *     this interval
 * @param pendingDeadline PENDING longer than this (no stock answer): cancelled
 * @param reservedDeadline RESERVED longer than this (no payment outcome): cancelled; longer than
 *     payments' own deadline, which normally decides first
 * @param authorizedDeadline AUTHORIZED longer than this (stock not committed): cancelled
 * @param checkInterval the deadline loop's pause when it found nothing to do
 * @param batchSize orders looked at per step of the loop
 */
@ConfigurationProperties("orders.saga")
public record SagaSettings(
    Duration reconcileAfter,
    Duration pendingDeadline,
    Duration reservedDeadline,
    Duration authorizedDeadline,
    Duration checkInterval,
    int batchSize) {}
