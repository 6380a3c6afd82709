package dev.storefront.payments.processor;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code payments.processor.*}: where the card processor is and how it is called. */
@ConfigurationProperties("payments.processor")
public record ProcessorSettings(
    URI url,
    String apiKey,
    String webhookSecret,
    Duration webhookTolerance,
    Duration callTimeout,
    int retryAttempts,
    Duration retryFirstBackoff,
    float circuitFailureRate,
    int circuitWindow,
    int circuitMinimumCalls,
    Duration circuitOpenFor,
    int maxConcurrentCalls,
    Duration deadline,
    Duration reconcileAfter,
    Duration pollInterval) {}
