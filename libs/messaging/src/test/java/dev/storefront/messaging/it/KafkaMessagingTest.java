package dev.storefront.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.events.Amount;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventHeaderNames;
import dev.storefront.events.EventTopics;
import dev.storefront.events.inventory.StockReserved;
import dev.storefront.events.orders.OrderPlaced;
import dev.storefront.events.orders.OrderStatusChanged;
import dev.storefront.messaging.broadcast.EventBroadcast;
import dev.storefront.messaging.consumer.PoisonEventException;
import dev.storefront.messaging.kafka.EventHeaders;
import dev.storefront.messaging.outbox.Outbox;
import dev.storefront.messaging.retention.MessagingRetention;
import dev.storefront.messaging.testing.TestEventBus;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;

/**
 * The library on the real PostgreSQL and broker, in a namespace of this run's own: outbox to topic,
 * consumer group with deduplication, retries and dead letters, the broadcast, retention.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
class KafkaMessagingTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String GROUP = "messaging-test";

  @DynamicPropertySource
  static void namespace(DynamicPropertyRegistry registry) {
    registry.add(
        "storefront.messaging.namespace",
        () -> "storefront-test-messaging-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Autowired Outbox outbox;
  @Autowired TransactionalOperator tx;
  @Autowired DatabaseClient db;
  @Autowired TestEventBus bus;
  @Autowired EventBroadcast broadcast;
  @Autowired EventCodec codec;
  @Autowired MessagingRetention retention;
  @Autowired KafkaAdmin kafkaAdmin;
  @Autowired EventTopics topics;
  @Autowired ScriptedOrderPlacedHandler orders;
  @Autowired RecordingStockReservedHandler stock;
  @Autowired MeterRegistry meters;

  @Test
  void anOutboxRowIsPublishedKeyedByItsOrderWithTheEventHeaders() {
    OrderPlaced placed = orderPlaced(UUID.randomUUID());

    tx.transactional(outbox.record(placed)).block(WAIT);

    ConsumerRecord<String, byte[]> record =
        bus.awaitPublishedRecord(OrderPlaced.class, placed.orderId(), WAIT);
    assertThat(record.key()).isEqualTo(placed.orderId().toString());
    assertThat(codec.read(OrderPlaced.class, record.value())).isEqualTo(placed);
    assertThat(header(record, EventHeaderNames.EVENT_TYPE)).isEqualTo("OrderPlaced");
    assertThat(header(record, EventHeaderNames.EVENT_VERSION)).isEqualTo("2");
    assertThat(Instant.parse(header(record, EventHeaderNames.OCCURRED_AT)))
        .isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
    UUID eventId = UUID.fromString(header(record, EventHeaderNames.EVENT_ID));
    await().atMost(WAIT).until(() -> publishedAt(eventId) != null);
    // The consumer group (this service's own) got it too.
    await().atMost(WAIT).until(() -> orders.handled(placed.orderId()).size() == 1);
  }

  @Test
  void aRedeliveredEventIsHandledOnce() {
    UUID orderId = UUID.randomUUID();
    OrderPlaced placed = orderPlaced(orderId);
    UUID eventId = UUID.randomUUID();

    bus.send(placed, eventId);
    bus.send(placed, eventId);
    // The same key, so the same partition: handled after both copies.
    bus.send(placed);

    await().atMost(WAIT).until(() -> orders.handled(orderId).size() >= 2);
    assertThat(orders.handled(orderId)).hasSize(2);
    assertThat(orders.attempts(orderId)).isEqualTo(2);
  }

  @Test
  void aPoisonEventIsDeadLetteredAtOnceAndTheOrdersNextEventsAreHandled() {
    UUID orderId = UUID.randomUUID();
    orders.failNext(orderId, new PoisonEventException("contradicts what we know"));

    UUID eventId = bus.send(orderPlaced(orderId));

    TestEventBus.DeadLetter dead = bus.awaitDeadLetter(orderId, WAIT);
    assertThat(dead.eventId()).contains(eventId);
    assertThat(dead.type()).contains("OrderPlaced");
    assertThat(dead.originalTopic())
        .hasValueSatisfying(t -> assertThat(t).endsWith(".events.orders"));
    assertThat(
            dead.header("kafka_dlt-exception-fqcn").orElse("")
                + dead.header("kafka_dlt-exception-cause-fqcn").orElse(""))
        .contains(PoisonEventException.class.getName());
    assertThat(dead.header("kafka_dlt-original-offset")).isPresent();
    assertThat(orders.attempts(orderId)).isEqualTo(1);

    bus.send(orderPlaced(orderId));
    await().atMost(WAIT).until(() -> orders.handled(orderId).size() == 1);
  }

  @Test
  void anUnreadablePayloadIsDeadLetteredAndAnUnknownTypeSkipped() {
    UUID malformed = UUID.randomUUID();
    UUID unknown = UUID.randomUUID();

    bus.sendRaw(
        "orders",
        "OrderPlaced",
        "{not json".getBytes(StandardCharsets.UTF_8),
        malformed.toString());
    bus.sendRaw(
        "orders",
        "SomethingNobodyHandles",
        "{}".getBytes(StandardCharsets.UTF_8),
        unknown.toString());
    bus.send(orderPlaced(unknown));

    TestEventBus.DeadLetter dead = bus.awaitDeadLetter(malformed, WAIT);
    assertThat(dead.exceptionMessage().orElse("")).contains("unreadable OrderPlaced");
    await().atMost(WAIT).until(() -> orders.handled(unknown).size() == 1);
    assertThat(keys(bus.deadLetters(GROUP, WAIT))).doesNotContain(unknown.toString());
  }

  @Test
  void aHandlerFailingTwiceIsRetriedAndNotDeadLettered() {
    UUID orderId = UUID.randomUUID();
    orders.failNext(
        orderId, new IllegalStateException("first"), new IllegalStateException("second"));

    bus.send(orderPlaced(orderId));

    await().atMost(WAIT).until(() -> orders.handled(orderId).size() == 1);
    assertThat(orders.attempts(orderId)).isEqualTo(3);
    assertThat(keys(bus.deadLetters(GROUP, WAIT))).doesNotContain(orderId.toString());
  }

  @Test
  void aTransientFailureIsRetriedBeyondMaxRetriesAndNeverDeadLettered() {
    UUID orderId = UUID.randomUUID();
    orders.failNext(
        orderId,
        new R2dbcTransientResourceException("database away"),
        new R2dbcTransientResourceException("database away"),
        new R2dbcTransientResourceException("database away"));

    bus.send(orderPlaced(orderId));

    await().atMost(WAIT).until(() -> orders.handled(orderId).size() == 1);
    assertThat(orders.attempts(orderId)).isEqualTo(4); // max-retries is 2
    assertThat(keys(bus.deadLetters(GROUP, WAIT))).doesNotContain(orderId.toString());
  }

  @Test
  void eventsOfSeveralProducersAreConsumed() {
    UUID orderId = UUID.randomUUID();
    StockReserved reserved =
        new StockReserved(
            orderId,
            "user-1",
            new Amount("12.50", "EUR"),
            Instant.now().truncatedTo(ChronoUnit.MILLIS));

    bus.send(reserved);

    await().atMost(WAIT).until(() -> stock.handled.contains(reserved));
  }

  @Test
  void theBroadcastDeliversEachEventToEverySubscriber() {
    // This application is not its producer, which would have created the topic at start-up.
    kafkaAdmin.createOrModifyTopics(
        TopicBuilder.name(topics.eventsOf(OrderStatusChanged.class)).build());
    UUID orderId = UUID.randomUUID();
    List<OrderStatusChanged> first = new CopyOnWriteArrayList<>();
    List<OrderStatusChanged> second = new CopyOnWriteArrayList<>();
    Disposable one =
        broadcast
            .events(OrderStatusChanged.class)
            .filter(e -> e.orderId().equals(orderId))
            .subscribe(first::add);
    Disposable two =
        broadcast
            .events(OrderStatusChanged.class)
            .filter(e -> e.orderId().equals(orderId))
            .subscribe(second::add);
    try {
      broadcast.listening(OrderStatusChanged.class).block(WAIT);
      OrderStatusChanged changed = new OrderStatusChanged(orderId, "user-1", "CONFIRMED", null);

      bus.send(orderPlaced(orderId)); // another type (on another topic): not delivered
      bus.send(changed);

      await().atMost(WAIT).until(() -> first.size() == 1 && second.size() == 1);
      assertThat(first).containsExactly(changed);
      assertThat(second).containsExactly(changed);
    } finally {
      one.dispose();
      two.dispose();
    }
  }

  @Test
  void retentionDeletesOldPublishedRowsAndOldProcessedMessagesOnly() {
    UUID oldPublished = UUID.randomUUID();
    UUID oldUnpublished = UUID.randomUUID();
    UUID recentPublished = UUID.randomUUID();
    OffsetDateTime old = OffsetDateTime.now().minusDays(8);
    OffsetDateTime recent = OffsetDateTime.now().minusDays(1);
    insertOutboxRow(oldPublished, old, old);
    insertOutboxRow(recentPublished, recent, recent);
    // Old but not published before now (the relay publishes it meanwhile): kept.
    insertOutboxRow(oldUnpublished, old, null);
    UUID oldProcessed = UUID.randomUUID();
    UUID recentProcessed = UUID.randomUUID();
    insertProcessed(oldProcessed, old);
    insertProcessed(recentProcessed, recent);

    retention.step().block(WAIT);

    assertThat(outboxRowExists(oldPublished)).isFalse();
    assertThat(outboxRowExists(recentPublished)).isTrue();
    assertThat(processedExists(oldProcessed)).isFalse();
    assertThat(processedExists(recentProcessed)).isTrue();
    assertThat(outboxRowExists(oldUnpublished)).isTrue();
  }

  @Test
  void theRelayTheConsumersAndTheKafkaClientsHaveTheirMetrics() {
    UUID orderId = UUID.randomUUID();
    tx.transactional(outbox.record(orderPlaced(orderId))).block(WAIT);
    await().atMost(WAIT).until(() -> orders.handled(orderId).size() == 1);

    assertThat(meters.get("storefront_outbox_published_total").counter().count()).isPositive();
    assertThat(meters.get("storefront_outbox_lag_seconds").gauge().value()).isNotNegative();
    assertThat(meters.get("storefront_events_handled_total").counters())
        .anySatisfy(
            counter -> assertThat(counter.getId().getTag("topic")).endsWith(".events.orders"));
    // Consumer lag, as Prometheus shows kafka_consumer_fetch_manager_records_lag_max.
    await()
        .atMost(WAIT)
        .until(
            () -> !meters.find("kafka.consumer.fetch.manager.records.lag.max").meters().isEmpty());
  }

  private static OrderPlaced orderPlaced(UUID orderId) {
    return new OrderPlaced(
        orderId,
        "user-1",
        List.of(new OrderPlaced.Item(9961, 2, "19.99")),
        new Amount("39.98", "EUR"));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return EventHeaders.read(record.headers(), name).orElseThrow();
  }

  private static List<String> keys(List<TestEventBus.DeadLetter> deadLetters) {
    return deadLetters.stream().map(TestEventBus.DeadLetter::key).toList();
  }

  private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
    return org.assertj.core.api.Assertions.within(duration.toMillis(), ChronoUnit.MILLIS);
  }

  private OffsetDateTime publishedAt(UUID eventId) {
    return db.sql("SELECT published_at FROM outbox WHERE event_id = :id")
        .bind("id", eventId)
        .map(row -> row.get("published_at", OffsetDateTime.class))
        .one()
        .block(WAIT);
  }

  private void insertOutboxRow(
      UUID eventId, OffsetDateTime occurredAt, OffsetDateTime publishedAt) {
    var insert =
        db.sql(
                "INSERT INTO outbox (event_id, type, version, aggregate_id, payload,"
                    + " occurred_at, published_at)"
                    + " VALUES (:id, 'OrderCancelled', 1, :order, '{}'::jsonb, :at, :published)")
            .bind("id", eventId)
            .bind("order", UUID.randomUUID().toString())
            .bind("at", occurredAt);
    (publishedAt == null
            ? insert.bindNull("published", OffsetDateTime.class)
            : insert.bind("published", publishedAt))
        .then()
        .block(WAIT);
  }

  private void insertProcessed(UUID eventId, OffsetDateTime at) {
    db.sql(
            "INSERT INTO processed_messages (consumer_group, event_id, processed_at)"
                + " VALUES ('retention-test', :id, :at)")
        .bind("id", eventId)
        .bind("at", at)
        .then()
        .block(WAIT);
  }

  private boolean outboxRowExists(UUID eventId) {
    return Boolean.TRUE.equals(
        db.sql("SELECT count(*) > 0 AS present FROM outbox WHERE event_id = :id")
            .bind("id", eventId)
            .map(row -> row.get("present", Boolean.class))
            .one()
            .block(WAIT));
  }

  private boolean processedExists(UUID eventId) {
    return Boolean.TRUE.equals(
        db.sql("SELECT count(*) > 0 AS present FROM processed_messages WHERE event_id = :id")
            .bind("id", eventId)
            .map(row -> row.get("present", Boolean.class))
            .one()
            .block(WAIT));
  }
}
