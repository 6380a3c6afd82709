package dev.storefront.messaging.kafka;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.IntegrationEvent;

/**
 * Names of the Kafka topics: one per producing service, one dead-letter topic per consumer group.
 * The namespace keeps platforms (and test runs) sharing one broker apart.
 */
public record EventTopics(String namespace) {

  public String eventsOf(String producer) {
    return namespace + ".events." + producer;
  }

  /** The topic an event type travels on: its producer's, whoever records it. */
  public String eventsOf(Class<? extends IntegrationEvent> type) {
    return eventsOf(EventCatalog.of(type).producer());
  }

  public String deadLetterOf(String consumerGroup) {
    return namespace + ".dead-letter." + consumerGroup;
  }
}
