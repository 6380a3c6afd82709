package dev.storefront.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** The platform's trace backend, read through its HTTP API (docs/adr/0009-traces-in-zipkin.md). */
final class Zipkin {

  static final URI API =
      URI.create(System.getProperty("storefront.zipkin.url", "http://127.0.0.1:9411"));

  /** The spans of one trace (none while Zipkin has not received any). */
  static List<JsonNode> trace(String traceId) {
    var response =
        Router.exchange(
            HttpRequest.newBuilder(API.resolve("/api/v2/trace/" + traceId))
                .timeout(Duration.ofSeconds(10))
                .build());
    List<JsonNode> spans = new ArrayList<>();
    if (response.statusCode() == 200) {
      Router.JSON.readTree(response.body()).forEach(spans::add);
    }
    return spans;
  }

  /** The services that reported spans of the trace. */
  static Set<String> services(List<JsonNode> spans) {
    Set<String> services = new TreeSet<>();
    spans.forEach(span -> services.add(span.at("/localEndpoint/serviceName").asString("")));
    services.remove("");
    return services;
  }

  /** Span ids named as a parent that are not in the trace (yet: exports come in batches). */
  static Set<String> missingParents(List<JsonNode> spans) {
    Set<String> ids = new TreeSet<>();
    spans.forEach(span -> ids.add(span.path("id").asString()));
    Set<String> missing = new TreeSet<>();
    spans.stream()
        .filter(span -> span.hasNonNull("parentId"))
        .map(span -> span.path("parentId").asString())
        .filter(parent -> !ids.contains(parent))
        .forEach(missing::add);
    return missing;
  }

  /**
   * Waits until the trace has spans from all the services and is one tree (no parent missing): each
   * service exports in batches, a few seconds apart.
   */
  static List<JsonNode> awaitServices(String traceId, Set<String> expected, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    List<JsonNode> spans = trace(traceId);
    while ((!services(spans).containsAll(expected) || !missingParents(spans).isEmpty())
        && System.nanoTime() < until) {
      sleep();
      spans = trace(traceId);
    }
    return spans;
  }

  private static void sleep() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Zipkin() {}
}
