package dev.storefront.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.messaging.stream.EventStreams;
import dev.storefront.testsupport.SubgraphTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A checkout stays one trace across the broker: the consumer handles an event in a child of the
 * span that wrote it, the events it writes keep that trace through the outbox and the relay, and
 * its log lines carry the trace id.
 */
@SubgraphTest
@ExtendWith(OutputCaptureExtension.class)
class EventTraceTest {

  static final long PRODUCT = 990_101L;

  @Autowired DatabaseClient db;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired EventStreams streams;
  @Autowired JsonMapper json;

  @BeforeEach
  void unitsOnHand() {
    db.sql(
            "INSERT INTO stock_levels (product_id, on_hand, reserved) VALUES (:p, 100, 0)"
                + " ON CONFLICT (product_id) DO UPDATE SET on_hand = 100, reserved = 0")
        .bind("p", PRODUCT)
        .then()
        .block();
  }

  @Test
  void theEventAConsumerWritesContinuesTheTraceOfTheEventItHandled() {
    String traceId = randomHex(32);
    String writerSpan = randomHex(16);
    UUID orderId = UUID.randomUUID();

    publish(
        "OrderPlaced", orderId, orderPlaced(orderId), "00-" + traceId + "-" + writerSpan + "-01");

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> outboxTraceParent("StockReserved", orderId) != null);
    String stored = outboxTraceParent("StockReserved", orderId);
    assertThat(stored).matches("00-" + traceId + "-[0-9a-f]{16}-01");
    assertThat(stored).doesNotContain(writerSpan); // written in the consumer's own span

    // The relay copies it onto the stream entry the next consumer reads.
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(streamTraceParent("StockReserved", orderId)).isEqualTo(stored));
  }

  @Test
  void whatAConsumerLogsWhileHandlingAnEventCarriesTheEventsTraceId(CapturedOutput output) {
    String traceId = randomHex(32);
    UUID orderId = UUID.randomUUID();

    // Poison (no items): the consumer parks it and says so in its log.
    publish(
        "OrderPlaced", orderId, "{\"items\": []}", "00-" + traceId + "-" + randomHex(16) + "-01");

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> linesAbout(output, orderId).stream().anyMatch(l -> l.contains("parked")));
    assertThat(linesAbout(output, orderId)).isNotEmpty().allMatch(line -> line.contains(traceId));
  }

  private void publish(String type, UUID orderId, String payload, String traceParent) {
    redis
        .opsForStream()
        .add(
            StreamRecords.newRecord()
                .in(streams.eventsOf("orders"))
                .ofMap(
                    Map.of(
                        "id",
                        UUID.randomUUID().toString(),
                        "type",
                        type,
                        "aggregateId",
                        orderId.toString(),
                        "occurredAt",
                        Instant.now().toString(),
                        "payload",
                        payload,
                        "traceparent",
                        traceParent)))
        .block();
  }

  private String orderPlaced(UUID orderId) {
    return json.writeValueAsString(
        Map.of(
            "orderId",
            orderId.toString(),
            "userId",
            "u1",
            "items",
            List.of(Map.of("productId", String.valueOf(PRODUCT), "quantity", 1)),
            "total",
            Map.of("amount", "1.00", "currencyCode", "USD")));
  }

  private String outboxTraceParent(String type, UUID orderId) {
    return db.sql(
            "SELECT trace_parent FROM outbox WHERE type = :type AND aggregate_id = :id"
                + " AND trace_parent IS NOT NULL")
        .bind("type", type)
        .bind("id", orderId.toString())
        .map(row -> row.get("trace_parent", String.class))
        .first()
        .block();
  }

  private String streamTraceParent(String type, UUID orderId) {
    return redis
        .<String, String>opsForStream()
        .reverseRange(streams.eventsOf("inventory"), Range.unbounded())
        .filter(entry ->
            type.equals(entry.getValue().get("type"))
                && orderId.toString().equals(entry.getValue().get("aggregateId")))
        .map(entry -> entry.getValue().getOrDefault("traceparent", ""))
        .next()
        .block();
  }

  private static List<String> linesAbout(CapturedOutput output, UUID orderId) {
    return output.getOut().lines().filter(line -> line.contains(orderId.toString())).toList();
  }

  private static String randomHex(int length) {
    return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, length);
  }
}
