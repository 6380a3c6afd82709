package dev.storefront.eventtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsSpringKafkasBinaryPartitionAndOffset() {
    assertThat(DeadLetterHeaders.decodeNumber(ByteBuffer.allocate(4).putInt(3).array()))
        .contains(3L);
    assertThat(
            DeadLetterHeaders.decodeNumber(ByteBuffer.allocate(8).putLong(1234567890123L).array()))
        .contains(1234567890123L);
    assertThat(DeadLetterHeaders.decodeNumber(ByteBuffer.allocate(8).putLong(49).array()))
        .contains(49L);
  }

  @Test
  void readsNumbersWrittenAsText() {
    // "1234" is 4 bytes and "12345678" 8: as text they are what they say, not binary numbers.
    assertThat(DeadLetterHeaders.decodeNumber(utf8("1234"))).contains(1234L);
    assertThat(DeadLetterHeaders.decodeNumber(utf8("12345678"))).contains(12345678L);
    assertThat(DeadLetterHeaders.decodeNumber(utf8("5"))).contains(5L);
    assertThat(DeadLetterHeaders.decodeNumber(utf8(" 42\n"))).contains(42L);
  }

  @Test
  void unreadableNumbersAreAbsent() {
    assertThat(DeadLetterHeaders.decodeNumber(null)).isEmpty();
    assertThat(DeadLetterHeaders.decodeNumber(new byte[0])).isEmpty();
    assertThat(DeadLetterHeaders.decodeNumber(new byte[] {1, 2, 3})).isEmpty();
    assertThat(DeadLetterHeaders.decodeNumber(utf8("99999999999999999999"))).isEmpty();
  }

  @Test
  void textIsTheLastHeaderOfTheName() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("kafka_dlt-exception-message", utf8("first"));
    headers.add("kafka_dlt-exception-message", utf8("Stock für 3 Artikel fehlt"));
    headers.add("event-version", null);
    headers.add("event-type", utf8("  "));

    assertThat(DeadLetterHeaders.text(headers, "kafka_dlt-exception-message"))
        .contains("Stock für 3 Artikel fehlt");
    assertThat(DeadLetterHeaders.text(headers, "event-version")).isEmpty();
    assertThat(DeadLetterHeaders.text(headers, "event-type")).isEmpty();
    assertThat(DeadLetterHeaders.text(headers, "event-id")).isEmpty();
  }

  @Test
  void replayKeepsTheEventsHeadersOnly() {
    assertThat(DeadLetterHeaders.replayed(new RecordHeader("event-id", utf8("e")))).isTrue();
    assertThat(DeadLetterHeaders.replayed(new RecordHeader("event-type", utf8("e")))).isTrue();
    assertThat(DeadLetterHeaders.replayed(new RecordHeader("event-version", utf8("1")))).isTrue();
    assertThat(DeadLetterHeaders.replayed(new RecordHeader("occurred-at", utf8("t")))).isTrue();
    assertThat(DeadLetterHeaders.replayed(new RecordHeader("kafka_dlt-original-topic", utf8("t"))))
        .isFalse();
    assertThat(DeadLetterHeaders.replayed(new RecordHeader("kafka_dlt-exception-fqcn", utf8("x"))))
        .isFalse();
    assertThat(DeadLetterHeaders.replayed(new RecordHeader("traceparent", utf8("00-..."))))
        .isFalse();
  }
}
