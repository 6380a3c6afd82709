package dev.storefront.eventtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  @Test
  void readsTheEventAndTheFailureFromTheHeaders() {
    DeadLetter letter = Letters.letter(2, 17, "e-1", "1042");

    assertThat(letter.group()).isEqualTo("inventory");
    assertThat(letter.position()).isEqualTo("2:17");
    assertThat(letter.deadLetteredAt()).isEqualTo(Instant.parse("2026-12-01T19:07:44Z"));
    assertThat(letter.key()).isEqualTo("1042");
    assertThat(letter.eventId()).isEqualTo("e-1");
    assertThat(letter.eventType()).isEqualTo("OrderPlaced");
    assertThat(letter.eventVersion()).isEqualTo("1");
    assertThat(letter.occurredAt()).isEqualTo("2026-12-01T19:07:40.123Z");
    assertThat(letter.originalTopic()).isEqualTo("storefront.events.orders");
    assertThat(letter.originalPartition()).isEqualTo(2L);
    assertThat(letter.originalOffset()).isEqualTo(41L);
    assertThat(letter.original()).isEqualTo("storefront.events.orders-2@41");
    assertThat(letter.originalConsumerGroup()).isEqualTo("inventory");
    assertThat(letter.failure())
        .isEqualTo("PoisonEventException: Listener failed; unknown product 999\nat line 2");
    assertThat(letter.replayHeaders())
        .extracting(Header::key)
        .containsExactly("event-id", "event-type", "event-version", "occurred-at");
  }

  @Test
  void fallsBackToTheEventsJsonAndToleratesMissingHeaders() {
    DeadLetter letter =
        DeadLetter.of(
            "orders",
            Letters.record(
                "storefront.dead-letter.orders", 0, 3, "e-9", null, new RecordHeaders()));

    assertThat(letter.eventId()).isEqualTo("e-9");
    assertThat(letter.eventType()).isEqualTo("OrderPlaced");
    assertThat(letter.key()).isNull();
    assertThat(letter.originalTopic()).isNull();
    assertThat(letter.original()).isEqualTo("?");
    assertThat(letter.failure()).isEmpty();
    assertThat(letter.replayHeaders()).isEmpty();
  }

  @Test
  void failureNamesTheOuterExceptionWithoutACause() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("kafka_dlt-exception-fqcn", Letters.utf8("java.lang.IllegalStateException"));
    DeadLetter letter = DeadLetter.of("orders", Letters.record("t", 0, 0, "e", "1", headers));

    assertThat(letter.failure()).isEqualTo("IllegalStateException");
  }
}
