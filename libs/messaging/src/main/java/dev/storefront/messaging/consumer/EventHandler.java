package dev.storefront.messaging.consumer;

import dev.storefront.events.IntegrationEvent;
import reactor.core.publisher.Mono;

/**
 * Reacts to one type of event another service (or this one) published. {@link #handle} runs inside
 * the transaction that records the event as processed for this service's consumer group, so its
 * database changes and any outbox rows it writes commit together with that record: a redelivered
 * event finds it and is skipped.
 *
 * <p>Throw {@link PoisonEventException} for an event that can never be handled as it is; it goes to
 * the group's dead-letter topic at once. Other failures are retried with backoff and then
 * dead-lettered; failures of the infrastructure (PostgreSQL away) are retried until it is back.
 */
public interface EventHandler<E extends IntegrationEvent> {

  /** The event type handled; its contract says which topic it comes from. */
  Class<E> eventType();

  Mono<Void> handle(E event);
}
