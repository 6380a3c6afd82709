package dev.storefront.messaging.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What travels beside an event's JSON payload, as UTF-8 record headers. The type and version are
 * outside the payload so a consumer can skip types it does not handle without parsing them, and the
 * event id is the key of the consumers' deduplication.
 */
public final class EventHeaders {

  public static final String EVENT_ID = "event-id";
  public static final String EVENT_TYPE = "event-type";
  public static final String EVENT_VERSION = "event-version";
  public static final String OCCURRED_AT = "occurred-at";

  private EventHeaders() {}

  public static Headers of(UUID eventId, String type, int version, Instant occurredAt) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(EVENT_ID, bytes(eventId.toString()));
    headers.add(EVENT_TYPE, bytes(type));
    headers.add(EVENT_VERSION, bytes(Integer.toString(version)));
    headers.add(OCCURRED_AT, bytes(occurredAt.toString()));
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
