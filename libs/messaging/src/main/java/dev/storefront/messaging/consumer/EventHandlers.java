package dev.storefront.messaging.consumer;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventTopics;
import dev.storefront.events.IntegrationEvent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import reactor.core.publisher.Mono;

/** The service's handlers by the wire name of the event type each handles (one per type). */
public final class EventHandlers {

  private final Map<String, EventHandler<?>> byName = new LinkedHashMap<>();

  public EventHandlers(Collection<? extends EventHandler<?>> handlers) {
    for (EventHandler<?> handler : handlers) {
      String name = EventCatalog.of(handler.eventType()).name();
      EventHandler<?> previous = byName.put(name, handler);
      if (previous != null) {
        throw new IllegalStateException(
            "two handlers for " + name + ": " + previous + " and " + handler);
      }
    }
  }

  public Optional<EventHandler<?>> forType(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The topics that carry the handled types. */
  public Set<String> topics(EventTopics names) {
    Set<String> topics = new TreeSet<>();
    byName.values().forEach(handler -> topics.add(names.eventsOf(handler.eventType())));
    return topics;
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /** Runs {@code handler} for an event read as its type (the cast is checked by the codec). */
  @SuppressWarnings("unchecked")
  static <E extends IntegrationEvent> Mono<Void> handle(
      EventHandler<E> handler, IntegrationEvent event) {
    return handler.handle((E) event);
  }
}
