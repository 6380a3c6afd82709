package dev.storefront.messaging.consumer;

import dev.storefront.events.MalformedEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens to a record whose handling failed:
 *
 * <ul>
 *   <li>poison ({@link PoisonEventException}, {@link MalformedEventException}): to the group's
 *       dead-letter topic at once;
 *   <li>infrastructure away ({@link TransientFailures}): retried for as long as it takes, with a
 *       capped backoff, never dead-lettered — the partition waits;
 *   <li>anything else: retried {@code maxRetries} times with exponential backoff and jitter, then
 *       dead-lettered.
 * </ul>
 *
 * The dead letter keeps the key, value and {@code event-*} headers; Spring Kafka adds the {@code
 * kafka_dlt-*} headers (original topic, partition, offset, exception). Between attempts the
 * container is paused rather than its thread put to sleep, so it keeps polling and stays in its
 * group however long PostgreSQL is away.
 */
public final class EventErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(EventErrorHandler.class);

  private EventErrorHandler() {}

  public record Policy(int maxRetries, Duration firstBackoff, Duration maxBackoff) {}

  public static DefaultErrorHandler create(
      KafkaOperations<String, byte[]> kafka,
      String deadLetterTopic,
      Policy policy,
      RetryResumer resumer,
      MeterRegistry meters) {
    var deadLetters =
        new DeadLetterPublishingRecoverer(
            kafka,
            // Any partition: dead letters are read whole, by the replay tool, not in order.
            (record, e) -> new TopicPartition(deadLetterTopic, -1));
    ConsumerAwareRecordRecoverer recoverer =
        (record, consumer, e) -> {
          deadLetters.accept(record, consumer, e);
          log.error(
              "event {}-{}@{} parked in {}: {}",
              record.topic(),
              record.partition(),
              record.offset(),
              deadLetterTopic,
              e == null ? "" : String.valueOf(rootCause(e)));
          deadLetteredCounter(meters, record.topic()).increment();
        };
    DefaultErrorHandler handler =
        new DefaultErrorHandler(
            recoverer,
            retries(policy),
            new ContainerPausingBackOffHandler(
                new ListenerContainerPauseService(null, resumer.scheduler())));
    handler.addNotRetryableExceptions(PoisonEventException.class, MalformedEventException.class);
    handler.setRetryListeners((record, e, attempt) -> {
      // The first failure and then every tenth: an outage of hours stays readable.
      if (attempt == 1 || attempt % 10 == 0) {
        log.warn(
            "event {}-{}@{} failed (attempt {}): {}",
            record.topic(),
            record.partition(),
            record.offset(),
            attempt,
            e == null ? "" : String.valueOf(rootCause(e)));
      }
    });
    BackOff untilBack = untilInfrastructureIsBack(policy);
    handler.setBackOffFunction((record, e) -> TransientFailures.isTransient(e) ? untilBack : null);
    return handler;
  }

  static BackOff retries(Policy policy) {
    ExponentialBackOff backOff = exponential(policy);
    backOff.setMaxAttempts(policy.maxRetries());
    return backOff;
  }

  static BackOff untilInfrastructureIsBack(Policy policy) {
    return exponential(policy); // unlimited attempts and elapsed time
  }

  private static ExponentialBackOff exponential(Policy policy) {
    ExponentialBackOff backOff = new ExponentialBackOff(policy.firstBackoff().toMillis(), 2.0);
    backOff.setMaxInterval(policy.maxBackoff().toMillis());
    backOff.setJitter(policy.firstBackoff().toMillis() / 2);
    return backOff;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static Counter deadLetteredCounter(MeterRegistry meters, String topic) {
    return Counter.builder("storefront_events_dead_lettered_total")
        .tag("topic", topic)
        .description("Events parked in the dead-letter topic")
        .register(meters);
  }
}
