package dev.storefront.messaging.consumer;

import dev.storefront.messaging.Event;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Reacts to events another service (or this one) published. {@link #handle} runs inside the
 * transaction that records the event as processed, so its database changes and any outbox rows it
 * writes commit together with that record: a redelivered event finds it and is skipped.
 */
public interface EventHandler {

  /** The publishing service, e.g. {@code orders}. */
  String source();

  Set<String> eventTypes();

  Mono<Void> handle(Event event);
}
