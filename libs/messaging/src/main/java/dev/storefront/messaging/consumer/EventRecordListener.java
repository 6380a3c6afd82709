package dev.storefront.messaging.consumer;

import dev.storefront.events.EventCodec;
import dev.storefront.events.EventHeaderNames;
import dev.storefront.events.IntegrationEvent;
import dev.storefront.events.MalformedEventException;
import dev.storefront.messaging.kafka.EventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Handles one record on a Kafka consumer thread: the event id goes into {@code processed_messages}
 * and the handler runs in the same R2DBC transaction, so a redelivered event (after a crash between
 * commit and offset commit, or a duplicate publish) is recognised and skipped. The container
 * commits the record's offset only after this returned, i.e. after that transaction committed; a
 * failure goes to the error handler (retry, wait or dead-letter).
 *
 * <p>Blocking is right here: this is a Kafka consumer thread, which waits anyway until the record
 * is done before it takes the next one of its partitions; never a Netty thread.
 */
public class EventRecordListener implements MessageListener<String, byte[]> {

  private static final Logger log = LoggerFactory.getLogger(EventRecordListener.class);

  private final EventHandlers handlers;
  private final EventCodec codec;
  private final ProcessedMessages processed;
  private final TransactionalOperator tx;
  private final String group;
  private final Duration timeout;
  private final MeterRegistry meters;

  public EventRecordListener(
      EventHandlers handlers,
      EventCodec codec,
      ProcessedMessages processed,
      TransactionalOperator tx,
      String group,
      Duration timeout,
      MeterRegistry meters) {
    this.handlers = handlers;
    this.codec = codec;
    this.processed = processed;
    this.tx = tx;
    this.group = group;
    this.timeout = timeout;
    this.meters = meters;
  }

  @Override
  public void onMessage(ConsumerRecord<String, byte[]> record) {
    String type =
        EventHeaders.read(record.headers(), EventHeaderNames.EVENT_TYPE)
            .orElseThrow(() -> new MalformedEventException("record without an event-type header"));
    EventHandler<?> handler = handlers.forType(type).orElse(null);
    if (handler == null) {
      return; // another consumer's event on a shared topic
    }
    UUID eventId = eventId(record);
    if (record.value() == null) {
      throw new MalformedEventException(type + " " + eventId + " without a payload");
    }
    IntegrationEvent event = codec.read(handler.eventType(), record.value());
    Boolean first =
        tx.transactional(
                processed
                    .markNew(group, eventId)
                    .flatMap(isNew ->
                        isNew
                            ? EventHandlers.handle(handler, event).thenReturn(true)
                            : Mono.just(false)))
            .timeout(timeout)
            // The listener's span (a thread-local here) goes into the Reactor context: the
            // handler's database calls, outbox rows and HTTP calls join the event's trace.
            .contextCapture()
            .block();
    if (Boolean.FALSE.equals(first)) {
      log.debug("{} {} was handled before: skipped", type, eventId);
    } else {
      // One line per event a service acts on: with its trace id, it places the step in the
      // checkout.
      log.info("handled {} {} for order {}", type, eventId, event.orderId());
    }
    handledCounter(record.topic()).increment();
  }

  private static UUID eventId(ConsumerRecord<String, byte[]> record) {
    String id =
        EventHeaders.read(record.headers(), EventHeaderNames.EVENT_ID)
            .orElseThrow(() -> new MalformedEventException("record without an event-id header"));
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException("event-id " + id + " is not a UUID", e);
    }
  }

  private Counter handledCounter(String topic) {
    return Counter.builder("storefront_events_handled_total")
        .tag("topic", topic)
        .description("Events handled (or recognised as already handled) by this service")
        .register(meters);
  }
}
