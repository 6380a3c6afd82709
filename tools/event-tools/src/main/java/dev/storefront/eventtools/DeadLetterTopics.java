package dev.storefront.eventtools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka access: finds the dead-letter topics, reads their letters, re-sends letters and moves the
 * replayer group's position. Every broker call is bounded by {@link #TIMEOUT}.
 */
final class DeadLetterTopics implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Reading a topic to its end takes at most this long (many letters, a slow broker). */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final Options options;
  private final Topics topics;
  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;

  DeadLetterTopics(Options options) {
    this.options = options;
    this.topics = options.topics();
    try {
      this.admin = Admin.create(adminConfig());
      this.consumer = new KafkaConsumer<>(consumerConfig());
    } catch (KafkaException badConfig) {
      // Unresolvable host names, a malformed address list.
      throw ToolException.unreachable(options.bootstrapServers(), badConfig);
    }
  }

  /**
   * The groups with a dead-letter topic, sorted. The first call to the broker: proves it answers.
   */
  List<String> groups() {
    Set<String> names =
        await(admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs())).names());
    return names.stream().flatMap(name -> topics.groupOf(name).stream()).sorted().toList();
  }

  /**
   * The letters of these groups' dead-letter topics from the replayer's position (or from the
   * beginning with {@code all}) to the end, per partition in partition order.
   */
  List<PartitionLetters> read(Collection<String> groups, boolean all) {
    Map<TopicPartition, String> groupOf = new HashMap<>();
    for (String group : groups) {
      String topic = topics.deadLetterTopic(group);
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
      for (PartitionInfo info : partitions) {
        groupOf.put(new TopicPartition(topic, info.partition()), group);
      }
    }
    if (groupOf.isEmpty()) {
      return List.of();
    }
    Set<TopicPartition> partitions = groupOf.keySet();
    Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, TIMEOUT);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions, TIMEOUT);
    Map<TopicPartition, Long> replayed = new HashMap<>();
    Map<TopicPartition, Long> from = new HashMap<>();
    for (TopicPartition partition : partitions) {
      long first = beginning.get(partition);
      long last = end.get(partition);
      OffsetAndMetadata position = committed.get(partition);
      // No position yet: nothing replayed. A position past the end belongs to an earlier topic
      // of the same name (deleted and created again): nothing of this one is replayed either.
      long replayedUpTo =
          position == null || position.offset() > last ? first : Math.max(first, position.offset());
      replayed.put(partition, replayedUpTo);
      from.put(partition, all ? first : replayedUpTo);
    }

    Map<TopicPartition, List<DeadLetter>> letters = new HashMap<>();
    Set<TopicPartition> pending = new HashSet<>();
    for (TopicPartition partition : partitions) {
      letters.put(partition, new ArrayList<>());
      if (from.get(partition) < end.get(partition)) {
        pending.add(partition);
      }
    }
    consumer.assign(pending);
    for (TopicPartition partition : pending) {
      consumer.seek(partition, from.get(partition));
    }
    Instant deadline = Instant.now().plus(READ_TIMEOUT);
    while (!pending.isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new ToolException(
            ToolException.FAILED,
            "reading the dead-letter topics did not reach their end within "
                + READ_TIMEOUT.toSeconds()
                + " s (still at "
                + pending
                + ")");
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < end.get(partition)) {
          letters.get(partition).add(DeadLetter.of(groupOf.get(partition), record));
        }
      }
      // The position, not the last record, tells the end is reached: transaction markers and
      // aborted records take offsets too.
      for (Iterator<TopicPartition> it = pending.iterator(); it.hasNext(); ) {
        TopicPartition partition = it.next();
        if (consumer.position(partition, TIMEOUT) >= end.get(partition)) {
          consumer.pause(List.of(partition));
          it.remove();
        }
      }
    }
    consumer.assign(List.of());

    Map<TopicPartition, PartitionLetters> result =
        new TreeMap<>((a, b) ->
            a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition())
                : a.topic().compareTo(b.topic()));
    for (TopicPartition partition : partitions) {
      result.put(
          partition,
          new PartitionLetters(
              groupOf.get(partition),
              partition,
              from.get(partition),
              end.get(partition),
              replayed.get(partition),
              List.copyOf(letters.get(partition))));
    }
    return List.copyOf(result.values());
  }

  /** Starts re-sending one letter to its original topic (idempotent producer, acks=all). */
  Future<RecordMetadata> resend(DeadLetter letter) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            letter.originalTopic(), null, letter.rawKey(), letter.value(), letter.replayHeaders());
    return producer().send(record);
  }

  /** Waits for a re-send's acknowledgement. */
  RecordMetadata acknowledged(Future<RecordMetadata> sent) throws ExecutionException {
    try {
      return sent.get(TIMEOUT.toMillis() * 4, TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new ToolException(ToolException.FAILED, "interrupted");
    } catch (TimeoutException slow) {
      throw new ExecutionException(
          "no acknowledgement within " + TIMEOUT.toSeconds() * 4 + " s", slow);
    }
  }

  /** Moves the replayer group's position (only ever forward: callers compute it so). */
  void commit(Map<TopicPartition, Long> positions) {
    if (positions.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    String note = "replayed by event-tools at " + Instant.now();
    positions.forEach(
        (partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset, note)));
    consumer.commitSync(offsets, TIMEOUT);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(producerConfig());
    }
    return producer;
  }

  private Properties common() {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "event-tools");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs());
    // Give up on an address that refuses connections quickly, not after the default back-off.
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    return config;
  }

  private Properties adminConfig() {
    return common();
  }

  private Properties consumerConfig() {
    Properties config = common();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, topics.replayerGroup());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // A dead letter from an aborted transaction was never dead-lettered.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  private Properties producerConfig() {
    Properties config = common();
    config.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // A missing original topic (the broker creates none by itself) fails the send after this.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs() * 3);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  private static int timeoutMs() {
    return (int) TIMEOUT.toMillis();
  }

  private <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new ToolException(ToolException.FAILED, "interrupted");
    } catch (TimeoutException | ExecutionException unreachable) {
      Throwable cause =
          unreachable instanceof ExecutionException ? unreachable.getCause() : unreachable;
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException
          || cause instanceof TimeoutException) {
        throw ToolException.unreachable(options.bootstrapServers(), null);
      }
      throw new ToolException(
          ToolException.FAILED, "Kafka refused: " + ToolException.oneLine(cause));
    }
  }

  @Override
  public void close() {
    Duration quick = Duration.ofSeconds(2);
    if (producer != null) {
      producer.close(quick);
    }
    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(quick));
    admin.close(quick);
  }
}
