package dev.storefront.eventtools;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Dead-letter records as Spring Kafka's DeadLetterPublishingRecoverer writes them. */
final class Letters {

  static final long DEAD_LETTERED_AT = 1_796_152_064_000L; // 2026-12-01T19:07:44Z

  private Letters() {}

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The headers of a dead letter of {@code eventId} (order {@code orderId}) from orders' topic. */
  static RecordHeaders headers(String namespace, String eventId, String group) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("event-id", utf8(eventId));
    headers.add("event-type", utf8("OrderPlaced"));
    headers.add("event-version", utf8("1"));
    headers.add("occurred-at", utf8("2026-12-01T19:07:40.123Z"));
    headers.add("traceparent", utf8("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    headers.add("kafka_dlt-original-topic", utf8(namespace + ".events.orders"));
    headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(2).array());
    headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(41).array());
    headers.add("kafka_dlt-original-consumer-group", utf8(group));
    headers.add(
        "kafka_dlt-exception-fqcn",
        utf8("org.springframework.kafka.listener.ListenerExecutionFailedException"));
    headers.add(
        "kafka_dlt-exception-cause-fqcn",
        utf8("dev.storefront.messaging.consumer.PoisonEventException"));
    headers.add(
        "kafka_dlt-exception-message", utf8("Listener failed; unknown product 999\nat line 2"));
    return headers;
  }

  static String value(String eventId, String orderId) {
    return "{\"id\":\""
        + eventId
        + "\",\"type\":\"OrderPlaced\",\"aggregateId\":\""
        + orderId
        + "\",\"payload\":{}}";
  }

  static ConsumerRecord<byte[], byte[]> record(
      String topic,
      int partition,
      long offset,
      String eventId,
      String orderId,
      RecordHeaders headers) {
    byte[] key = orderId == null ? null : utf8(orderId);
    byte[] value = utf8(value(eventId, orderId));
    return new ConsumerRecord<>(
        topic,
        partition,
        offset,
        DEAD_LETTERED_AT,
        TimestampType.CREATE_TIME,
        key == null ? -1 : key.length,
        value.length,
        key,
        value,
        headers,
        Optional.empty());
  }

  static DeadLetter letter(int partition, long offset, String eventId, String orderId) {
    return DeadLetter.of(
        "inventory",
        record(
            "storefront.dead-letter.inventory",
            partition,
            offset,
            eventId,
            orderId,
            headers("storefront", eventId, "inventory")));
  }

  static PartitionLetters partition(int partition, long from, long end, DeadLetter... letters) {
    return new PartitionLetters(
        "inventory",
        new TopicPartition("storefront.dead-letter.inventory", partition),
        from,
        end,
        from,
        List.of(letters));
  }
}
