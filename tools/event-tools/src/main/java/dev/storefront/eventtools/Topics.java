package dev.storefront.eventtools;

import java.util.Optional;

/**
 * The services' topic names: events in {@code <namespace>.events.<service>}, the dead letters of
 * consumer group G in {@code <namespace>.dead-letter.G}; this tool's position in each dead-letter
 * topic is the consumer group {@code <namespace>.dead-letter-replayer}.
 */
record Topics(String namespace) {

  String deadLetterPrefix() {
    return namespace + ".dead-letter.";
  }

  String deadLetterTopic(String group) {
    return deadLetterPrefix() + group;
  }

  /** The consumer group whose dead letters {@code topic} holds, if it is a dead-letter topic. */
  Optional<String> groupOf(String topic) {
    String prefix = deadLetterPrefix();
    return topic.startsWith(prefix) && topic.length() > prefix.length()
        ? Optional.of(topic.substring(prefix.length()))
        : Optional.empty();
  }

  String replayerGroup() {
    return namespace + ".dead-letter-replayer";
  }
}
