package dev.storefront.eventtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Against the real broker ({@code STOREFRONT_KAFKA_BOOTSTRAP_SERVERS}, default 127.0.0.1:9092:
 * {@code ./platform test} starts it), in a namespace of its own: writes dead letters as Spring
 * Kafka does, lists them, replays them and reads them back from the original topic.
 */
class DeadLettersKafkaTest {

  private static final String BOOTSTRAP =
      System.getenv().getOrDefault(Options.BOOTSTRAP_ENV, Options.DEFAULT_BOOTSTRAP_SERVERS);
  private static final String NAMESPACE =
      "it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private static final String EVENTS = NAMESPACE + ".events.orders";
  private static final String INVENTORY_DLT = NAMESPACE + ".dead-letter.inventory";
  private static final String PAYMENTS_DLT = NAMESPACE + ".dead-letter.payments";

  private static Admin admin;
  private static final String first = UUID.randomUUID().toString();
  private static final String second = UUID.randomUUID().toString();
  private static final String third = UUID.randomUUID().toString();

  @BeforeAll
  static void createTopicsAndDeadLetters() throws Exception {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    admin = Admin.create(config);
    try {
      admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
    } catch (Exception unreachable) {
      fail("no Kafka broker answers at " + BOOTSTRAP + " (./platform start kafka): " + unreachable);
    }
    admin
        .createTopics(
            List.of(
                new NewTopic(EVENTS, 6, (short) 1),
                new NewTopic(INVENTORY_DLT, 6, (short) 1),
                new NewTopic(PAYMENTS_DLT, 6, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);

    Properties producerConfig = new Properties();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
      // Spring Kafka puts a dead letter into the original's partition number: two letters in 2, one
      // in 4.
      producer.send(deadLetter(2, first, "101")).get(10, TimeUnit.SECONDS);
      producer.send(deadLetter(2, second, "102")).get(10, TimeUnit.SECONDS);
      producer.send(deadLetter(4, third, "103")).get(10, TimeUnit.SECONDS);
    }
  }

  private static ProducerRecord<byte[], byte[]> deadLetter(
      int partition, String eventId, String orderId) {
    return new ProducerRecord<>(
        INVENTORY_DLT,
        partition,
        Letters.utf8(orderId),
        Letters.utf8(Letters.value(eventId, orderId)),
        Letters.headers(NAMESPACE, eventId, "inventory"));
  }

  @AfterAll
  static void removeTopicsAndTheReplayerGroup() throws Exception {
    if (admin == null) {
      return;
    }
    try {
      admin
          .deleteTopics(List.of(EVENTS, INVENTORY_DLT, PAYMENTS_DLT))
          .all()
          .get(30, TimeUnit.SECONDS);
      admin
          .deleteConsumerGroups(List.of(NAMESPACE + ".dead-letter-replayer"))
          .all()
          .get(30, TimeUnit.SECONDS);
    } finally {
      admin.close(Duration.ofSeconds(5));
    }
  }

  private record Run(int status, String out, String err) {}

  private static Run tool(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-servers", BOOTSTRAP, "--namespace", NAMESPACE));
    int status =
        EventTools.run(
            all,
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void listsReplaysAndForgetsDeadLetters() {
    // Every group's dead letters, not yet replayed: all three.
    Run listed = tool("dead-letters");
    assertThat(listed.status()).as(listed.err()).isZero();
    assertThat(listed.out())
        .contains("inventory  2:0", "inventory  2:1", "inventory  4:0")
        .contains(first, second, third, "OrderPlaced", "101", EVENTS + "-2@41")
        .contains("PoisonEventException: Listener failed; unknown product 999 at line 2")
        .contains("3 dead letters not yet replayed (inventory 3)");

    Run json = tool("dead-letters", "--group", "inventory", "--json");
    assertThat(json.status()).isZero();
    List<JsonNode> objects = json.out().lines().map(Json.MAPPER::readTree).toList();
    assertThat(objects)
        .extracting(node -> node.get("eventId").asString())
        .containsExactly(first, second, third);
    assertThat(objects.getFirst().get("originalPartition").asInt()).isEqualTo(2);
    assertThat(json.err()).contains("3 dead letters");

    Run unknown = tool("dead-letters", "--group", "shipping");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err())
        .contains(
            "unknown group 'shipping'", NAMESPACE + ".dead-letter.shipping", "inventory, payments");

    // One event only: the second is re-sent, but the first waits before it in partition 2, so the
    // replayer's position stays and the second is still listed.
    Run one = tool("replay", "--event-id", second);
    assertThat(one.status()).as(one.err()).isZero();
    assertThat(one.out())
        .contains(
            "re-sent inventory 2:1 OrderPlaced " + second + " (order 102) to " + EVENTS + "-");
    assertThat(one.out()).contains("stays at 0");
    assertThat(tool("dead-letters").out()).contains("3 dead letters not yet replayed");

    Run dryRun = tool("replay", "--group", "inventory", "--dry-run");
    assertThat(dryRun.out())
        .contains("would re-send inventory 2:0", "would re-send 3 dead letter(s)");

    Run replayed = tool("replay", "--group", "inventory");
    assertThat(replayed.status()).as(replayed.err()).isZero();
    assertThat(replayed.out())
        .contains("re-sent 3 dead letter(s)")
        .contains(
            "replayer position " + INVENTORY_DLT + "-2 -> 2",
            "replayer position " + INVENTORY_DLT + "-4 -> 1");

    assertThat(tool("dead-letters").out()).startsWith("no dead letters");
    assertThat(tool("replay").out()).contains("no dead letters to replay");
    Run history = tool("dead-letters", "--all");
    assertThat(history.out()).contains("REPLAYED", "3 dead letters (inventory 3)");
    assertThat(history.out().lines().filter(line -> line.startsWith("inventory")))
        .allMatch(line -> line.contains(" yes "));
    Run missing = tool("replay", "--event-id", first);
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).contains("no dead letter of event " + first);

    // The original topic got the second event twice (harmless: consumers de-duplicate) and the
    // others once, each with its key, its value and only the event's own headers.
    List<ConsumerRecord<byte[], byte[]>> resent = readAll(EVENTS, 4);
    assertThat(resent)
        .extracting(record -> header(record, "event-id"))
        .containsExactlyInAnyOrder(second, first, second, third);
    for (ConsumerRecord<byte[], byte[]> record : resent) {
      String eventId = header(record, "event-id");
      String orderId = eventId.equals(first) ? "101" : eventId.equals(second) ? "102" : "103";
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(orderId);
      assertThat(new String(record.value(), StandardCharsets.UTF_8))
          .isEqualTo(Letters.value(eventId, orderId));
      assertThat(record.headers().toArray())
          .extracting(Header::key)
          .containsExactly("event-id", "event-type", "event-version", "occurred-at");
      assertThat(header(record, "occurred-at")).isEqualTo("2026-12-01T19:07:40.123Z");
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
