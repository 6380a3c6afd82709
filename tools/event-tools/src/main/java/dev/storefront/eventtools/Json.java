package dev.storefront.eventtools;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Jackson for the JSON-lines output and for reading an event's fields when a header is missing. */
final class Json {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static Optional<JsonNode> tree(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readTree(bytes));
    } catch (JacksonException notJson) {
      return Optional.empty();
    }
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isValueNode() && !value.isNull()
        ? Optional.of(value.asString())
        : Optional.empty();
  }

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }
}
