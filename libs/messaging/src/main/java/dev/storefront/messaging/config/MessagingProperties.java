package dev.storefront.messaging.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code storefront.messaging.*}: topic names and sizes, the relay's polling, the consumers' retry
 * policy and the retention of the outbox and processed-message tables. The Kafka clients themselves
 * are set with {@code spring.kafka.*}.
 *
 * @param namespace first part of every topic name, so platforms (and test runs) sharing a broker
 *     stay apart
 * @param partitions partitions of each topic the service declares; one order's events stay in one
 *     partition, different orders are handled in parallel up to this
 * @param replicationFactor copies of each partition (3 on a three-broker deployment)
 * @param consumerConcurrency consumers of this instance in its group (each takes some partitions)
 * @param commitInterval how often a consumer commits the offsets of the records it has handled (a
 *     crash redelivers at most this much, which {@code processed_messages} recognises)
 * @param pollIdle first pause of the relay when it found nothing to publish
 * @param maxPollIdle longest pause: the pause doubles up to this while nothing comes. A commit in
 *     this process wakes the relay at once, so the pause only bounds how late rows committed
 *     elsewhere (a replica that died before publishing) go out; at 400 ms five idle services spent
 *     about 2 % of a core each on it
 * @param publishTimeout how long the relay waits for the broker to acknowledge a batch
 * @param maxRetries attempts after the first before a failing event is dead-lettered
 * @param firstBackoff pause before the first retry; it doubles (with jitter) up to {@code
 *     maxBackoff}
 * @param maxBackoff longest pause between retries, also while PostgreSQL is away
 * @param handlerTimeout longest wait for one event's transaction (the handler included)
 * @param retention how long published outbox rows and processed-message rows are kept
 * @param retentionBatch rows deleted per table and step
 * @param retentionInterval pause between retention steps once a step found less than a batch
 */
@ConfigurationProperties("storefront.messaging")
public record MessagingProperties(
    @DefaultValue("storefront") String namespace,
    @DefaultValue("6") int partitions,
    @DefaultValue("1") short replicationFactor,
    @DefaultValue("6") int consumerConcurrency,
    @DefaultValue("1s") Duration commitInterval,
    @DefaultValue("50ms") Duration pollIdle,
    @DefaultValue("2s") Duration maxPollIdle,
    @DefaultValue("30s") Duration publishTimeout,
    @DefaultValue("5") int maxRetries,
    @DefaultValue("200ms") Duration firstBackoff,
    @DefaultValue("5s") Duration maxBackoff,
    @DefaultValue("30s") Duration handlerTimeout,
    @DefaultValue("7d") Duration retention,
    @DefaultValue("1000") int retentionBatch,
    @DefaultValue("1h") Duration retentionInterval) {}
