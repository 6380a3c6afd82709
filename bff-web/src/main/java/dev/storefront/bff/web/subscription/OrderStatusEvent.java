package dev.storefront.bff.web.subscription;

import java.time.Instant;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One event of an order's status stream: the status and when the order reached it.
 *
 * @param status e.g. {@code RESERVED}; {@code CONFIRMED}, {@code PAYMENT_FAILED} and {@code
 *     REJECTED} are final
 * @param at when the order reached it (ISO-8601); when the router's event does not say (its status
 *     history can lag the status by an instant), when bff-web received the event
 */
public record OrderStatusEvent(String status, String at) {

  static final Set<String> FINAL = Set.of("CONFIRMED", "PAYMENT_FAILED", "REJECTED", "CANCELLED");

  /** From the {@code orderStatusChanged} order: its status, with the time it reached it. */
  static OrderStatusEvent of(JsonNode order, Instant receivedAt) {
    String status = order.path("status").asString(null);
    String at = null;
    for (JsonNode change : order.path("statusHistory")) {
      if (status != null && status.equals(change.path("status").asString(null))) {
        at = change.path("at").asString(null);
      }
    }
    return new OrderStatusEvent(status, at != null ? at : receivedAt.toString());
  }

  boolean isFinal() {
    return FINAL.contains(status);
  }
}
