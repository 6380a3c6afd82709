package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One order placed through bff-web as the browser places it, with the trace id bff-web answered
 * ({@code X-Trace-Id}), waited for until CONFIRMED.
 */
record TracedCheckout(String user, String orderId, String traceId) {

  static final String TRACE_HEADER = "x-trace-id";

  static TracedCheckout confirmed(String user) {
    Commerce.sandboxDefaults(); // no declines, errors or outage left by another test
    BffWebTest.operationIds();
    BffWebTest.Session session = BffWebTest.login(user);
    Commerce.fillCart(user, "23", 1);
    Map<String, Object> input =
        Map.of(
            "idempotencyKey",
            Commerce.newKey(),
            "shippingAddress",
            Map.of(
                "name", "Ada",
                "line1", "1 Main St",
                "postalCode", "10115",
                "city", "Berlin",
                "country", "DE"));
    var response = BffWebTest.graphql(session, "Checkout", Map.of("input", input), true);
    String orderId = BffWebTest.data(response).at("/checkout/id").asString();
    String traceId = response.headers().firstValue(TRACE_HEADER).orElse("");
    assertThat(traceId).as("bff-web's %s header", TRACE_HEADER).matches("[0-9a-f]{32}");

    JsonNode order = Commerce.awaitFinal(user, orderId, Duration.ofSeconds(60));
    assertThat(order.path("status").asString()).as(order.toString()).isEqualTo("CONFIRMED");
    return new TracedCheckout(user, orderId, traceId);
  }
}
