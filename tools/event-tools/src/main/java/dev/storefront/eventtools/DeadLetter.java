package dev.storefront.eventtools;

import dev.storefront.events.EventHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.databind.JsonNode;

/**
 * One record of a dead-letter topic, with what its headers say about the event and the failure.
 * Fields the record does not carry are null.
 *
 * @param group the consumer group that gave up on the event (from the topic's name)
 * @param topic the dead-letter topic
 * @param deadLetteredAt the dead-letter record's timestamp: when it was dead-lettered
 * @param key the original key (the order id), as text
 * @param rawKey the original key's bytes, re-sent unchanged
 * @param value the original value (the event as JSON), re-sent unchanged
 * @param replayHeaders the event's own headers ({@code event-*}, {@code occurred-at}), re-sent
 */
record DeadLetter(
    String group,
    String topic,
    int partition,
    long offset,
    Instant deadLetteredAt,
    String key,
    byte[] rawKey,
    byte[] value,
    String eventId,
    String eventType,
    String eventVersion,
    String occurredAt,
    String originalTopic,
    Long originalPartition,
    Long originalOffset,
    String originalConsumerGroup,
    String exceptionClass,
    String exceptionCauseClass,
    String exceptionMessage,
    List<Header> replayHeaders) {

  static DeadLetter of(String group, ConsumerRecord<byte[], byte[]> record) {
    Headers headers = record.headers();
    Optional<JsonNode> event = Json.tree(record.value());
    List<Header> replayHeaders = new ArrayList<>();
    for (Header header : headers) {
      if (DeadLetterHeaders.replayed(header)) {
        replayHeaders.add(header);
      }
    }
    return new DeadLetter(
        group,
        record.topic(),
        record.partition(),
        record.offset(),
        record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null,
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        record.key(),
        record.value(),
        DeadLetterHeaders.text(headers, EventHeaderNames.EVENT_ID)
            .or(() -> event.flatMap(node -> Json.text(node, "id")))
            .orElse(null),
        DeadLetterHeaders.text(headers, EventHeaderNames.EVENT_TYPE)
            .or(() -> event.flatMap(node -> Json.text(node, "type")))
            .orElse(null),
        DeadLetterHeaders.text(headers, EventHeaderNames.EVENT_VERSION).orElse(null),
        DeadLetterHeaders.text(headers, EventHeaderNames.OCCURRED_AT).orElse(null),
        DeadLetterHeaders.text(headers, DeadLetterHeaders.ORIGINAL_TOPIC).orElse(null),
        DeadLetterHeaders.number(headers, DeadLetterHeaders.ORIGINAL_PARTITION).orElse(null),
        DeadLetterHeaders.number(headers, DeadLetterHeaders.ORIGINAL_OFFSET).orElse(null),
        DeadLetterHeaders.text(headers, DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP).orElse(null),
        DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCEPTION_FQCN).orElse(null),
        DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCEPTION_CAUSE_FQCN).orElse(null),
        DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCEPTION_MESSAGE).orElse(null),
        List.copyOf(replayHeaders));
  }

  TopicPartition topicPartition() {
    return new TopicPartition(topic, partition);
  }

  /** Where it sits in its dead-letter topic: {@code partition:offset}. */
  String position() {
    return partition + ":" + offset;
  }

  /** Where the event was when it failed: {@code topic-partition@offset}, as far as known. */
  String original() {
    if (originalTopic == null) {
      return "?";
    }
    return originalTopic
        + (originalPartition == null ? "" : "-" + originalPartition)
        + (originalOffset == null ? "" : "@" + originalOffset);
  }

  /**
   * The failure in one line: the cause's class when there is one (the outer exception is usually
   * the listener container's wrapper), the simple name only, then the message.
   */
  String failure() {
    String type = exceptionCauseClass != null ? exceptionCauseClass : exceptionClass;
    String name = type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    String message = exceptionMessage == null ? null : exceptionMessage.strip();
    if (name == null) {
      return message == null ? "" : message;
    }
    return message == null || message.isEmpty() ? name : name + ": " + message;
  }
}
