package dev.storefront.sandbox.cardprocessor.fault;

import dev.storefront.sandbox.cardprocessor.api.ApiError;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code PUT /sandbox/config}: any subset of the knobs; absent ones stay as they are.
 */
public record BehaviourChange(
    Long latencyMs,
    Long apiLatencyMs,
    Double declineRate,
    Double errorRate,
    Boolean outage,
    String webhookUrl) {

  private static final Set<String> KNOBS =
      Arrays.stream(BehaviourChange.class.getRecordComponents())
          .map(RecordComponent::getName)
          .collect(Collectors.toUnmodifiableSet());

  /**
   * Reads a change, refusing fields it does not know: a misspelt knob ({@code "declinerate"}) would
   * otherwise be ignored and a test would run against the behaviour it meant to change.
   */
  public static BehaviourChange parse(JsonNode body, JsonMapper json) {
    if (body == null || !body.isObject()) {
      throw ApiError.invalid("the body must be a JSON object with some of " + KNOBS);
    }
    List<String> unknown = body.propertyNames().stream().filter(n -> !KNOBS.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw ApiError.invalid("unknown fields " + unknown + "; the knobs are " + KNOBS);
    }
    try {
      return json.treeToValue(body, BehaviourChange.class);
    } catch (JacksonException e) {
      throw ApiError.invalid("a field has the wrong type: " + e.getOriginalMessage());
    }
  }
}
