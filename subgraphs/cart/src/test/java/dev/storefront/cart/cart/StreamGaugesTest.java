package dev.storefront.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.messaging.stream.EventStreams;
import dev.storefront.testsupport.SubgraphTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The messaging library's gauges in a service that consumes events (cart reads orders' stream): its
 * dead-letter stream's length shows up within a refresh, and its consumer group's lag and pending
 * counts are published for the stream it reads.
 */
@SubgraphTest
@TestPropertySource(properties = "storefront.messaging.metrics.period=200ms")
class StreamGaugesTest {

  @Autowired MeterRegistry meters;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired EventStreams streams;

  @Test
  void deadLettersAreCountedFromTheDeadLetterStream() throws InterruptedException {
    String deadLetters = streams.deadLetterOf("cart");
    long before = redis.opsForStream().size(deadLetters).blockOptional().orElse(0L);
    redis
        .opsForStream()
        .add(
            StreamRecords.newRecord()
                .in(deadLetters)
                .ofMap(Map.of("deadLetter.error", "StreamGaugesTest")))
        .block();
    try {
      assertThat(awaitGauge(deadLetters, before + 1, Duration.ofSeconds(5))).isEqualTo(before + 1);
    } finally {
      redis.opsForStream().trim(deadLetters, before).block();
    }
  }

  @Test
  void lagAndPendingArePublishedForTheStreamCartReads() {
    String orders = streams.eventsOf("orders");
    assertThat(
            meters
                .get("storefront_stream_lag_events")
                .tags("stream", orders, "group", "cart")
                .gauge())
        .isNotNull();
    assertThat(
            meters
                .get("storefront_stream_pending_events")
                .tags("stream", orders, "group", "cart")
                .gauge())
        .isNotNull();
  }

  double awaitGauge(String stream, double expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    double value;
    do {
      value = meters.get("storefront_dead_letter_events").tags("stream", stream).gauge().value();
      if (value == expected) {
        return value;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return value;
  }
}
