package dev.storefront.eventtools;

import dev.storefront.events.EventHeaderNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers of a dead letter: the event's own ({@code event-*}, written by the services' outbox
 * relay) and those Spring Kafka's {@code DeadLetterPublishingRecoverer} adds ({@code kafka_dlt-*}).
 * Strings are UTF-8; Spring Kafka writes the original partition as a 4-byte and the original offset
 * as an 8-byte big-endian number, other producers may write them as decimal text: {@link #number}
 * reads both.
 */
final class DeadLetterHeaders {

  static final String EVENT_PREFIX = "event-";

  static final String DLT_PREFIX = "kafka_dlt-";
  static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
  static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
  static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
  static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
  static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
  static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
  static final String EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

  private DeadLetterHeaders() {}

  /** The last header of that name as UTF-8 text; empty when absent, null or blank. */
  static Optional<String> text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    if (header == null || header.value() == null) {
      return Optional.empty();
    }
    String text = new String(header.value(), StandardCharsets.UTF_8);
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  /** The last header of that name as a number (binary or decimal text); empty when absent. */
  static Optional<Long> number(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? Optional.empty() : decodeNumber(header.value());
  }

  /**
   * Decimal text first: its bytes are ASCII digits, which as a binary int would be above 800
   * million (as a long above 3 * 10^18), no real partition or offset. Otherwise 4 bytes are a
   * big-endian int, 8 bytes a big-endian long; anything else is unreadable (empty).
   */
  static Optional<Long> decodeNumber(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return Optional.empty();
    }
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    if (DECIMAL.matcher(text).matches()) {
      try {
        return Optional.of(Long.parseLong(text));
      } catch (NumberFormatException tooLarge) {
        return Optional.empty();
      }
    }
    return switch (bytes.length) {
      case Integer.BYTES -> Optional.of((long) ByteBuffer.wrap(bytes).getInt());
      case Long.BYTES -> Optional.of(ByteBuffer.wrap(bytes).getLong());
      default -> Optional.empty();
    };
  }

  /** Whether replay re-sends this header: the event's own, never the dead-letter ones. */
  static boolean replayed(Header header) {
    return header.key().startsWith(EVENT_PREFIX)
        || header.key().equals(EventHeaderNames.OCCURRED_AT);
  }
}
