package dev.storefront.messaging.kafka;

import dev.storefront.events.EventHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Kafka record headers named by {@link EventHeaderNames}: written by the relay, read by consumers.
 */
public final class EventHeaders {

  private EventHeaders() {}

  public static Headers of(UUID eventId, String type, int version, Instant occurredAt) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(EventHeaderNames.EVENT_ID, bytes(eventId.toString()));
    headers.add(EventHeaderNames.EVENT_TYPE, bytes(type));
    headers.add(EventHeaderNames.EVENT_VERSION, bytes(Integer.toString(version)));
    headers.add(EventHeaderNames.OCCURRED_AT, bytes(occurredAt.toString()));
    return headers;
  }

  /** The last value of the header, if present. */
  public static Optional<String> read(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
