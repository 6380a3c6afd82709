package dev.storefront.messaging.broadcast;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventHeaderNames;
import dev.storefront.events.EventTopics;
import dev.storefront.events.IntegrationEvent;
import dev.storefront.events.MalformedEventException;
import dev.storefront.messaging.kafka.EventHeaders;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every event of a type published from now on, seen by every instance of the service — unlike a
 * consumer group, where each event goes to one instance. For pushing to clients connected to any
 * instance (orders' order-status subscription). Nothing is deduplicated or retried: a subscriber
 * sees what is published while it is subscribed (a redelivered duplicate included).
 *
 * <p>Each topic is followed by one consumer per instance, started with the first subscription to
 * one of its types and stopped with the application.
 */
public class EventBroadcast implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventBroadcast.class);

  private final EventTopics topics;
  private final EventCodec codec;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final Map<String, TopicTail> tails = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  /**
   * @param consumers new consumers outside any group, never committing
   */
  public EventBroadcast(
      EventTopics topics, EventCodec codec, Supplier<Consumer<String, byte[]>> consumers) {
    this.topics = topics;
    this.codec = codec;
    this.consumers = consumers;
  }

  public <E extends IntegrationEvent> Flux<E> events(Class<E> type) {
    String name = EventCatalog.of(type).name();
    return Flux.defer(() ->
        tail(type)
            .records()
            .filter(record ->
                EventHeaders.read(record.headers(), EventHeaderNames.EVENT_TYPE)
                    .filter(name::equals)
                    .isPresent())
            .<E>handle((record, sink) -> {
              try {
                sink.next(codec.read(type, record.value()));
              } catch (MalformedEventException e) {
                log.warn("broadcast {}: skipped an unreadable event: {}", name, e.getMessage());
              }
            })
            .onBackpressureBuffer(
                10_000,
                dropped -> log.warn("broadcast {}: a subscriber too slow, event dropped", name),
                BufferOverflowStrategy.DROP_OLDEST));
  }

  /**
   * Completes once the type's topic is followed: what is published after that is seen by {@link
   * #events}. Useful where an event is published right after subscribing (tests).
   */
  public Mono<Void> listening(Class<? extends IntegrationEvent> type) {
    return Mono.defer(() -> tail(type).listening());
  }

  private TopicTail tail(Class<? extends IntegrationEvent> type) {
    if (stopped) {
      throw new IllegalStateException("the application is stopping");
    }
    return tails.computeIfAbsent(
        topics.eventsOf(type), topic -> new TopicTail(topic, consumers).start());
  }

  @Override
  public void start() {
    stopped = false;
  }

  @Override
  public void stop() {
    stopped = true;
    tails.values().forEach(TopicTail::stop);
    tails.clear();
  }

  @Override
  public boolean isRunning() {
    return !stopped;
  }
}
