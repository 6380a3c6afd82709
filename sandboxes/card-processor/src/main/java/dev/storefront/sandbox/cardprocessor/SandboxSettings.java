package dev.storefront.sandbox.cardprocessor;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sandbox.*} (each also settable by environment, e.g. {@code SANDBOX_DECLINE_RATE}).
 *
 * @param apiKey the bearer token every {@code /v1} call must present
 * @param webhookUrl where webhooks go at start and after a reset
 * @param webhookSecret the HMAC key of the webhook signature
 * @param latencyMs initial time until an intent is decided
 * @param apiLatencyMs initial delay added to every {@code /v1} answer
 * @param declineRate initial share of declined intents
 * @param errorRate initial share of {@code /v1} calls answered 500
 * @param outage whether the sandbox starts down (every {@code /v1} call answers 503)
 * @param adminToken the bearer token of the admin API under {@code /sandbox}; none: the admin API
 *     is off
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
    boolean outage,
    String adminToken) {}
