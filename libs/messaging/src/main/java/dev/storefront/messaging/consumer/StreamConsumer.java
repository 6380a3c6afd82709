package dev.storefront.messaging.consumer;

import dev.storefront.messaging.Event;
import dev.storefront.messaging.PollingLoop;
import dev.storefront.messaging.stream.StreamFields;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one service's event stream as a member of this service's consumer group and hands each
 * event to the handler for its type.
 *
 * <ul>
 *   <li>Exactly once in effect: the handler runs in the transaction that inserts the event id into
 *       {@code processed_messages}; a redelivery finds the row and is only acknowledged.
 *   <li>Retries: a failing handler is retried with exponential backoff and jitter; when the retries
 *       are spent, or the event is poison, it is copied to the group's dead-letter stream and
 *       acknowledged.
 *   <li>Nothing lost: an event is acknowledged only after its transaction committed. Each step
 *       first re-reads this consumer's own pending entries (left by a crash or an outage); entries
 *       left pending by a consumer that never came back are claimed after {@code claimIdle}.
 * </ul>
 */
public class StreamConsumer extends PollingLoop {

  private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);
  private static final int BATCH = 100;
  private static final int CONCURRENCY = 8;

  public record Settings(
      int maxRetries,
      Duration firstBackoff,
      Duration maxBackoff,
      Duration idle,
      Duration maxIdle,
      Duration claimIdle) {}

  private final ReactiveStringRedisTemplate redis;
  private final TransactionalOperator tx;
  private final ProcessedMessages processed;
  private final JsonMapper json;
  private final String stream;
  private final String deadLetterStream;
  private final String group;
  private final String consumerName;
  private final Map<String, EventHandler> handlers = new HashMap<>();
  private final Settings settings;
  private final Counter handled;
  private final Counter deadLettered;
  private volatile boolean groupReady;
  private volatile Instant nextClaim = Instant.EPOCH;

  public StreamConsumer(
      ReactiveStringRedisTemplate redis,
      TransactionalOperator tx,
      ProcessedMessages processed,
      JsonMapper json,
      String stream,
      String deadLetterStream,
      String group,
      String consumerName,
      List<EventHandler> handlers,
      Settings settings,
      MeterRegistry meters) {
    super("consumer of " + stream, settings.idle(), settings.maxIdle(), Duration.ofSeconds(1));
    this.redis = redis;
    this.tx = tx;
    this.processed = processed;
    this.json = json;
    this.stream = stream;
    this.deadLetterStream = deadLetterStream;
    this.group = group;
    this.consumerName = consumerName;
    this.settings = settings;
    for (EventHandler handler : handlers) {
      for (String type : handler.eventTypes()) {
        EventHandler previous = this.handlers.put(type, handler);
        if (previous != null) {
          throw new IllegalStateException(
              "two handlers for " + type + " from " + stream + ": " + previous + ", " + handler);
        }
      }
    }
    this.handled =
        Counter.builder("storefront_events_handled_total")
            .tag("stream", stream)
            .description("Events handled (or recognised as already handled) by this service")
            .register(meters);
    this.deadLettered =
        Counter.builder("storefront_events_dead_lettered_total")
            .tag("stream", stream)
            .description("Events parked in the dead-letter stream after their retries")
            .register(meters);
  }

  /** Handles what is pending for this consumer, else what is new; the number of entries seen. */
  @Override
  public Mono<Integer> step() {
    return ensureGroup()
        .then(claimAbandoned())
        .then(read(ReadOffset.from("0")))
        .flatMap(
            pending -> pending.isEmpty() ? read(ReadOffset.lastConsumed()) : Mono.just(pending))
        .flatMap(records ->
            // Events of one aggregate (order) in stream order; different orders side by side.
            Flux.fromIterable(records)
                .groupBy(record -> record.getValue().getOrDefault("aggregateId", ""))
                .flatMap(sameOrder -> sameOrder.concatMap(this::process), CONCURRENCY)
                .then(Mono.just(records.size())));
  }

  private Mono<List<MapRecord<String, String, String>>> read(ReadOffset offset) {
    return redis
        .<String, String>opsForStream()
        .read(
            Consumer.from(group, consumerName),
            StreamReadOptions.empty().count(BATCH),
            StreamOffset.create(stream, offset))
        .collectList();
  }

  private Mono<Void> ensureGroup() {
    if (groupReady) {
      return Mono.empty();
    }
    ByteBuffer key = ByteBuffer.wrap(stream.getBytes(StandardCharsets.UTF_8));
    // From the start of the stream: events published before this group existed are handled too.
    return redis
        .execute(connection ->
            connection.streamCommands().xGroupCreate(key, group, ReadOffset.from("0"), true))
        .then()
        .onErrorResume(StreamConsumer::groupExists, e -> Mono.empty())
        .doOnSuccess(done -> groupReady = true);
  }

  /** Redis answers BUSYGROUP (wrapped by the driver) when the group is there already. */
  private static boolean groupExists(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
        return true;
      }
    }
    return false;
  }

  private Mono<Void> claimAbandoned() {
    Instant now = Instant.now();
    if (now.isBefore(nextClaim)) {
      return Mono.empty();
    }
    nextClaim = now.plus(settings.claimIdle());
    return redis
        .opsForStream()
        .pending(stream, group, Range.unbounded(), BATCH)
        .flatMapMany(Flux::fromIterable)
        .filter(message ->
            !message.getConsumerName().equals(consumerName)
                && message.getElapsedTimeSinceLastDelivery().compareTo(settings.claimIdle()) >= 0)
        .map(PendingMessage::getId)
        .collectList()
        .flatMap(ids ->
            ids.isEmpty()
                ? Mono.empty()
                : redis
                    .opsForStream()
                    .claim(
                        stream,
                        group,
                        consumerName,
                        settings.claimIdle(),
                        ids.toArray(RecordId[]::new))
                    .count()
                    .doOnNext(n -> log.info("claimed {} abandoned entries of {}", n, stream))
                    .then());
  }

  Mono<Void> process(MapRecord<String, String, String> record) {
    Event event;
    try {
      event = StreamFields.toEvent(record.getValue(), json);
    } catch (IllegalArgumentException malformed) {
      return deadLetter(record, malformed).then(ack(record));
    }
    EventHandler handler = handlers.get(event.type());
    if (handler == null) {
      return ack(record); // not for this service
    }
    Mono<Boolean> once =
        tx.transactional(
            processed
                .markNew(group, event.id())
                .flatMap(
                    isNew -> isNew ? handler.handle(event).thenReturn(true) : Mono.just(false)));
    return Mono.defer(() -> once)
        .retryWhen(
            Retry.backoff(settings.maxRetries(), settings.firstBackoff())
                .maxBackoff(settings.maxBackoff())
                .jitter(0.5)
                .filter(e -> !(e instanceof PoisonEventException))
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
        .doOnNext(isNew -> handled.increment())
        .then(ack(record))
        .onErrorResume(
            e -> !TransientFailures.isTransient(e), e -> deadLetter(record, e).then(ack(record)));
  }

  private Mono<Void> ack(MapRecord<String, String, String> record) {
    return redis.opsForStream().acknowledge(stream, group, record.getId()).then();
  }

  private Mono<Void> deadLetter(MapRecord<String, String, String> record, Throwable error) {
    log.error(
        "event {} from {} parked in {}: {}",
        record.getId(),
        stream,
        deadLetterStream,
        error.toString());
    deadLettered.increment();
    Map<String, String> fields = new HashMap<>(record.getValue());
    fields.put("deadLetter.stream", stream);
    fields.put("deadLetter.entryId", record.getId().getValue());
    fields.put("deadLetter.group", group);
    fields.put("deadLetter.error", String.valueOf(error));
    fields.put("deadLetter.at", Instant.now().toString());
    return redis
        .opsForStream()
        .add(StreamRecords.newRecord().in(deadLetterStream).ofMap(fields))
        .then();
  }
}
