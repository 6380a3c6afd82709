package dev.storefront.messaging.stream;

import dev.storefront.messaging.Event;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** How an {@link Event} is laid out as the fields of a stream entry. */
public final class StreamFields {

  static final String ID = "id";
  static final String TYPE = "type";
  static final String AGGREGATE_ID = "aggregateId";
  static final String OCCURRED_AT = "occurredAt";
  static final String PAYLOAD = "payload";

  private StreamFields() {}

  public static Map<String, String> of(
      UUID id, String type, String aggregateId, Instant occurredAt, String payloadJson) {
    return Map.of(
        ID,
        id.toString(),
        TYPE,
        type,
        AGGREGATE_ID,
        aggregateId,
        OCCURRED_AT,
        occurredAt.toString(),
        PAYLOAD,
        payloadJson);
  }

  /**
   * @throws IllegalArgumentException when a field is missing or malformed: a poison message
   */
  public static Event toEvent(Map<String, String> fields, JsonMapper json) {
    try {
      return new Event(
          UUID.fromString(required(fields, ID)),
          required(fields, TYPE),
          required(fields, AGGREGATE_ID),
          Instant.parse(required(fields, OCCURRED_AT)),
          json.readTree(required(fields, PAYLOAD)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed event " + fields + ": " + e.getMessage(), e);
    }
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing field " + name);
    }
    return value;
  }
}
