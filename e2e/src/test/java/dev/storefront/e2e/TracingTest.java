package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A checkout through bff-web is one trace in Zipkin, from the BFF through the router and the
 * subgraphs, across the broker, to the card processor and back through its webhook.
 */
class TracingTest {

  static final Set<String> CHECKOUT_SERVICES =
      Set.of("bff-web", "router", "orders", "inventory", "payments", "card-processor-sandbox");

  @Test
  void aCheckoutThroughBffWebIsOneTraceAcrossEveryServiceAndTheBroker() {
    TracedCheckout checkout = TracedCheckout.confirmed("871");

    List<JsonNode> spans =
        Zipkin.awaitServices(checkout.traceId(), CHECKOUT_SERVICES, Duration.ofSeconds(60));

    assertThat(Zipkin.services(spans)).containsAll(CHECKOUT_SERVICES);
    // Across the broker: each saga step is handled in a span of this trace.
    assertThat(handled(spans, "inventory")).contains("OrderPlaced");
    assertThat(handled(spans, "payments")).contains("StockReserved");
    assertThat(handled(spans, "orders")).contains("PaymentAuthorized");
    // The card processor's webhook reaches payments inside the same trace.
    assertThat(spans)
        .anySatisfy(span -> {
          assertThat(span.at("/localEndpoint/serviceName").asString()).isEqualTo("payments");
          assertThat(span.path("kind").asString()).isEqualTo("SERVER");
          assertThat(span.at("/tags/http.url").asString(span.at("/tags/uri").asString()))
              .contains("/webhooks/card-processor");
        });
    // One tree: every span but the root has its parent in the trace.
    assertThat(Zipkin.missingParents(spans)).isEmpty();
  }

  /** The event types a service handled in the trace (its consumer spans' {@code event.type}). */
  static List<String> handled(List<JsonNode> spans, String service) {
    return spans.stream()
        .filter(span -> service.equals(span.at("/localEndpoint/serviceName").asString()))
        .map(span -> span.at("/tags/event.type").asString(""))
        .filter(type -> !type.isEmpty())
        .toList();
  }
}
