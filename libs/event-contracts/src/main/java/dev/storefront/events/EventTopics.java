package dev.storefront.events;

import java.util.Optional;

/**
 * Names of the Kafka topics: one per producing service (plus a stream of its own for a type that
 * declares one, see {@link EventType#stream()}), one dead-letter topic per consumer group. The
 * namespace keeps platforms (and test runs) sharing one broker apart. The services and the
 * dead-letter tools read the names from here, so they cannot drift apart.
 */
public record EventTopics(String namespace) {

  public String eventsOf(String producer) {
    return namespace + ".events." + producer;
  }

  /** The topic an event type travels on: its producer's (or its stream), whoever records it. */
  public String eventsOf(Class<? extends IntegrationEvent> type) {
    return eventsOf(EventCatalog.of(type));
  }

  public String eventsOf(EventCatalog.Contract contract) {
    String topic = eventsOf(contract.producer());
    return contract.stream().isEmpty() ? topic : topic + "." + contract.stream();
  }

  public String deadLetterOf(String consumerGroup) {
    return deadLetterPrefix() + consumerGroup;
  }

  public String deadLetterPrefix() {
    return namespace + ".dead-letter.";
  }

  /** The consumer group whose dead letters {@code topic} holds, if it is a dead-letter topic. */
  public Optional<String> groupOf(String topic) {
    String prefix = deadLetterPrefix();
    return topic.startsWith(prefix) && topic.length() > prefix.length()
        ? Optional.of(topic.substring(prefix.length()))
        : Optional.empty();
  }
}
