package dev.storefront.messaging.testing;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventHeaderNames;
import dev.storefront.events.EventTopics;
import dev.storefront.events.IntegrationEvent;
import dev.storefront.messaging.kafka.EventHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker as a service's tests see it, in the test run's own namespace: publish events as their
 * producer would (the events a service consumes come from here, not from the other services), read
 * what the service published, and read its dead letters. A bean in the tests of every service that
 * depends on messaging's test-jar.
 */
public class TestEventBus implements AutoCloseable {

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

  private final Map<String, Object> consumerConfig;
  private final KafkaProducer<String, byte[]> producer;
  private final EventTopics topics;
  private final EventCodec codec;
  private final String service;

  /** One dead-letter record: the original record and what Spring Kafka said about its failure. */
  public record DeadLetter(
      String key,
      Optional<String> type,
      Optional<UUID> eventId,
      byte[] value,
      Optional<String> originalTopic,
      Optional<String> exceptionClass,
      Optional<String> exceptionMessage,
      Headers headers) {

    public Optional<String> header(String name) {
      return EventHeaders.read(headers, name);
    }
  }

  /**
   * @param producerConfig the service's Kafka producer settings (bootstrap servers, security)
   * @param consumerConfig its consumer settings; group and client id are dropped
   */
  public TestEventBus(
      Map<String, Object> producerConfig,
      Map<String, Object> consumerConfig,
      EventTopics topics,
      EventCodec codec,
      String service) {
    this.topics = topics;
    this.codec = codec;
    this.service = service;
    producerConfig = new HashMap<>(producerConfig);
    producerConfig.remove(ProducerConfig.CLIENT_ID_CONFIG);
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(producerConfig);
    this.consumerConfig = new HashMap<>(consumerConfig);
    this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumerConfig.remove(ConsumerConfig.CLIENT_ID_CONFIG);
    this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    this.consumerConfig.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
  }

  /** Publishes the event on its topic, as its producer's relay would; its event id. */
  public UUID send(IntegrationEvent event) {
    UUID eventId = UUID.randomUUID();
    send(event, eventId);
    return eventId;
  }

  /** Publishes the event with a given id: a second call is a redelivery. */
  public void send(IntegrationEvent event, UUID eventId) {
    EventCatalog.Contract contract = EventCatalog.of(event.getClass());
    publish(
        new ProducerRecord<>(
            topics.eventsOf(contract),
            null,
            event.orderId().toString(),
            codec.write(event),
            EventHeaders.of(eventId, contract.name(), contract.version(), Instant.now())));
  }

  /** Publishes any bytes as an event of {@code type} from {@code producer}: a poison record. */
  public void sendRaw(String producer, String type, byte[] value, String key) {
    publish(
        new ProducerRecord<>(
            topics.eventsOf(producer),
            null,
            key,
            value,
            EventHeaders.of(UUID.randomUUID(), type, 1, Instant.now())));
  }

  /** The first event of the type about the order on its producer's topic (read from the start). */
  public <E extends IntegrationEvent> E awaitPublished(
      Class<E> type, UUID orderId, Duration timeout) {
    return codec.read(type, awaitPublishedRecord(type, orderId, timeout).value());
  }

  /** The same as a Kafka record, with its key and headers. */
  public ConsumerRecord<String, byte[]> awaitPublishedRecord(
      Class<? extends IntegrationEvent> type, UUID orderId, Duration timeout) {
    String name = EventCatalog.of(type).name();
    List<ConsumerRecord<String, byte[]>> found =
        read(
            topics.eventsOf(type),
            timeout,
            record ->
                orderId.toString().equals(record.key())
                    && EventHeaders.read(record.headers(), EventHeaderNames.EVENT_TYPE)
                        .filter(name::equals)
                        .isPresent(),
            true);
    if (found.isEmpty()) {
      throw new AssertionError("no " + name + " for order " + orderId + " within " + timeout);
    }
    return found.getFirst();
  }

  /** What the group's dead-letter topic holds now (the timeout bounds the read). */
  public List<DeadLetter> deadLetters(String group, Duration timeout) {
    return read(topics.deadLetterOf(group), timeout, record -> true, false).stream()
        .map(TestEventBus::deadLetter)
        .toList();
  }

  /** The first dead letter of this service's group about the order. */
  public DeadLetter awaitDeadLetter(UUID orderId, Duration timeout) {
    List<ConsumerRecord<String, byte[]>> found =
        read(
            topics.deadLetterOf(service),
            timeout,
            record -> orderId.toString().equals(record.key()),
            true);
    if (found.isEmpty()) {
      throw new AssertionError(
          "no dead letter for order " + orderId + " in " + topics.deadLetterOf(service));
    }
    return deadLetter(found.getFirst());
  }

  private void publish(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot publish to " + record.topic(), e);
    }
  }

  /**
   * Reads the topic from the start, outside any group. {@code untilFound}: until the first match
   * (or the timeout); otherwise every match up to the end the topic had when the read started.
   */
  private List<ConsumerRecord<String, byte[]>> read(
      String topic,
      Duration timeout,
      Predicate<ConsumerRecord<String, byte[]>> match,
      boolean untilFound) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, byte[]>(consumerConfig)) {
      List<TopicPartition> partitions = List.of();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        partitions =
            infos == null
                ? List.of()
                : infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      }
      if (partitions.isEmpty()) {
        return found;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (match.test(record)) {
            found.add(record);
            if (untilFound) {
              return found;
            }
          }
        }
        if (!untilFound
            && partitions.stream()
                .allMatch(partition -> consumer.position(partition) >= end.get(partition))) {
          return found;
        }
      }
    }
    return found;
  }

  private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> record) {
    Headers headers = record.headers();
    return new DeadLetter(
        record.key(),
        EventHeaders.read(headers, EventHeaderNames.EVENT_TYPE),
        EventHeaders.read(headers, EventHeaderNames.EVENT_ID).map(UUID::fromString),
        record.value(),
        EventHeaders.read(headers, "kafka_dlt-original-topic"),
        EventHeaders.read(headers, "kafka_dlt-exception-fqcn"),
        EventHeaders.read(headers, "kafka_dlt-exception-message"),
        headers);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
