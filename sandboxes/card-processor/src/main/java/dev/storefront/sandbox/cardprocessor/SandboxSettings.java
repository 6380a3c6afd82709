package dev.storefront.sandbox.cardprocessor;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sandbox.*}: credentials, where webhooks go, and the behaviour at start (and after reset).
 */
@ConfigurationProperties("sandbox")
public record SandboxSettings(
    String apiKey,
    String webhookUrl,
    String webhookSecret,
    long latencyMs,
    long apiLatencyMs,
    double declineRate,
    double errorRate,
    boolean outage) {}
