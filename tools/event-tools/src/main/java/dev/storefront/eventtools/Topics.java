package dev.storefront.eventtools;

import dev.storefront.events.EventTopics;
import java.util.Optional;

/**
 * The services' topic names ({@link EventTopics}: the dead letters of consumer group G in {@code
 * <namespace>.dead-letter.G}); this tool's position in each dead-letter topic is the consumer group
 * {@code <namespace>.dead-letter-replayer}.
 */
record Topics(String namespace) {

  private EventTopics names() {
    return new EventTopics(namespace);
  }

  String deadLetterPrefix() {
    return names().deadLetterPrefix();
  }

  String deadLetterTopic(String group) {
    return names().deadLetterOf(group);
  }

  /** The consumer group whose dead letters {@code topic} holds, if it is a dead-letter topic. */
  Optional<String> groupOf(String topic) {
    return names().groupOf(topic);
  }

  String replayerGroup() {
    return namespace + ".dead-letter-replayer";
  }
}
