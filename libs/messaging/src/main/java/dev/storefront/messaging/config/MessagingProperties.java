package dev.storefront.messaging.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code storefront.messaging.*}: stream names, polling and retry policy.
 *
 * @param namespace prefix of every stream key, so platforms sharing a Redis stay apart
 * @param consumerName this instance's name in its consumer groups; stable across restarts so a
 *     restarted instance picks up what it left pending
 * @param pollIdle first pause of the relay and the consumers when they found nothing to do
 * @param maxPollIdle longest pause: the pause doubles up to this while nothing comes
 * @param maxRetries attempts after the first before an event is dead-lettered
 * @param claimIdle how long another consumer's pending entry waits before this one takes it
 * @param streamMaxLength approximate cap of each stream (oldest entries trimmed)
 */
@ConfigurationProperties("storefront.messaging")
public record MessagingProperties(
    @DefaultValue("storefront") String namespace,
    String consumerName,
    @DefaultValue("50ms") Duration pollIdle,
    @DefaultValue("400ms") Duration maxPollIdle,
    @DefaultValue("5") int maxRetries,
    @DefaultValue("200ms") Duration firstBackoff,
    @DefaultValue("5s") Duration maxBackoff,
    @DefaultValue("60s") Duration claimIdle,
    @DefaultValue("100000") long streamMaxLength) {}
