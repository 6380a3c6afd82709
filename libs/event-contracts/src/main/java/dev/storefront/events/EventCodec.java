package dev.storefront.events;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events to JSON and back. Reading accepts every version up to the current one (the records are
 * written so that earlier payloads still bind); a newer version than this code knows is read too,
 * ignoring fields it does not know, since versions only add.
 */
public final class EventCodec {

  private final JsonMapper json;

  public EventCodec(JsonMapper json) {
    // A field added in a later version is absent from earlier payloads: a primitive one reads as
    // its default (false, 0) instead of failing, as Jackson 3 does by default.
    this.json =
        json.rebuild()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
  }

  public EventCodec() {
    this(JsonMapper.builder().build());
  }

  public byte[] write(IntegrationEvent event) {
    return json.writeValueAsBytes(event);
  }

  public String writeString(IntegrationEvent event) {
    return json.writeValueAsString(event);
  }

  /**
   * @throws MalformedEventException for an unknown type or a payload that does not bind
   */
  public IntegrationEvent read(String name, byte[] payload) {
    EventCatalog.Contract contract =
        EventCatalog.named(name)
            .orElseThrow(() -> new MalformedEventException("unknown event type " + name));
    return read(contract.type(), payload);
  }

  public <E extends IntegrationEvent> E read(Class<E> type, byte[] payload) {
    E event;
    try {
      event = json.readValue(payload, type);
    } catch (RuntimeException e) {
      throw new MalformedEventException(
          "unreadable "
              + type.getSimpleName()
              + ": "
              + e.getMessage()
              + " in "
              + new String(payload, StandardCharsets.UTF_8),
          e);
    }
    if (event == null || event.orderId() == null) {
      throw new MalformedEventException(type.getSimpleName() + " without an order id");
    }
    return event;
  }
}
