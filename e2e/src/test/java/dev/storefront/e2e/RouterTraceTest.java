package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The router continues a caller's W3C trace (as a BFF sends it): its spans reach Zipkin as service
 * {@code router}, children of the caller's span, the subgraphs' spans hang from the router's, and
 * the router's log line for the request carries the trace id.
 */
class RouterTraceTest {

  static final URI ZIPKIN =
      URI.create(System.getProperty("storefront.zipkin.url", "http://127.0.0.1:9411"));
  static final Path ROUTER_LOG =
      SchemaRegistryTest.PLATFORM.getParent().resolve(".run/logs/router.log");
  static final String PROBE =
      "query RouterTraceProbe { products(first: 1) { edges { node { name inStock } } } }";
  static final Duration PATIENCE = Duration.ofSeconds(30);

  record Caller(String traceId, String spanId) {
    static Caller random() {
      var random = new SecureRandom();
      byte[] trace = new byte[16];
      byte[] span = new byte[8];
      random.nextBytes(trace);
      random.nextBytes(span);
      return new Caller(HexFormat.of().formatHex(trace), HexFormat.of().formatHex(span));
    }

    Map<String, String> headers() {
      return Map.of("traceparent", "00-" + traceId + "-" + spanId + "-01");
    }
  }

  static Caller probe() {
    var caller = Caller.random();
    var response = Router.post(PROBE, Map.of(), caller.headers());
    assertThat(response.errors().isMissingNode()).as(response.raw()).isTrue();
    return caller;
  }

  /** The trace's spans in Zipkin, once the router's request span and a subgraph's are there. */
  static List<JsonNode> spansOf(Caller caller) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    List<JsonNode> spans = List.of();
    while (System.nanoTime() < deadline) {
      var answer =
          Router.exchange(
              HttpRequest.newBuilder(ZIPKIN.resolve("/api/v2/trace/" + caller.traceId()))
                  .timeout(Duration.ofSeconds(10))
                  .build());
      if (answer.statusCode() == 200) {
        spans =
            StreamSupport.stream(Router.JSON.readTree(answer.body()).spliterator(), false).toList();
        if (routerRequestSpan(spans, caller).isPresent() && !subgraphSpans(spans).isEmpty()) {
          return spans;
        }
      }
      Thread.sleep(500);
    }
    return spans;
  }

  static String service(JsonNode span) {
    return span.at("/localEndpoint/serviceName").asString();
  }

  static Optional<JsonNode> routerRequestSpan(List<JsonNode> spans, Caller caller) {
    return spans.stream()
        .filter(s -> service(s).equals("router"))
        .filter(s -> s.path("parentId").asString().equals(caller.spanId()))
        .findFirst();
  }

  /** Spans of other services whose parent is one of the router's spans. */
  static List<JsonNode> subgraphSpans(List<JsonNode> spans) {
    var routerSpanIds =
        spans.stream()
            .filter(s -> service(s).equals("router"))
            .map(s -> s.path("id").asString())
            .toList();
    return spans.stream()
        .filter(s -> !service(s).equals("router"))
        .filter(s -> routerSpanIds.contains(s.path("parentId").asString()))
        .toList();
  }

  @Test
  void theCallersTraceContinuesThroughTheRouterIntoTheSubgraphs() throws InterruptedException {
    var caller = probe();
    var spans = spansOf(caller);
    assertThat(routerRequestSpan(spans, caller))
        .as("the router's request span, a child of the caller's: %s", spans)
        .isPresent();
    assertThat(spans.stream().map(s -> s.path("name").asString()))
        .as("the router names the operation (Zipkin keeps span names in lower case)")
        .anyMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("routertraceprobe"));
    assertThat(subgraphSpans(spans).stream().map(RouterTraceTest::service))
        .as("the subgraphs continue the trace from the router's calls: %s", spans)
        .isNotEmpty();
  }

  @Test
  void theRoutersLogLineForTheRequestCarriesItsTraceId() throws InterruptedException {
    var caller = probe();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Optional<JsonNode> line = Optional.empty();
    while (line.isEmpty() && System.nanoTime() < deadline) {
      line =
          routerLogLines().stream()
              .filter(l -> l.path("trace_id").asString().equals(caller.traceId()))
              .findFirst();
      if (line.isEmpty()) Thread.sleep(200);
    }
    assertThat(line).as("a line in %s with trace_id %s", ROUTER_LOG, caller.traceId()).isPresent();
    assertThat(line.get().path("msg").asString()).isEqualTo("request served");
    assertThat(line.get().path("operationName").asString()).isEqualTo("RouterTraceProbe");
    assertThat(line.get().path("span_id").asString()).matches("[0-9a-f]{16}");
  }

  @Test
  void everyRouterLogLineIsJson() {
    var lines = rawRouterLog().stream().filter(l -> !l.isBlank()).toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(line).as("a router log line").startsWith("{").endsWith("}");
      assertThat(Router.JSON.readTree(line).path("level").isString()).as(line).isTrue();
    }
  }

  static List<String> rawRouterLog() {
    try {
      return Files.readAllLines(ROUTER_LOG);
    } catch (IOException e) {
      throw new UncheckedIOException("no router log: ./platform up writes " + ROUTER_LOG, e);
    }
  }

  static List<JsonNode> routerLogLines() {
    return rawRouterLog().stream()
        .filter(l -> l.startsWith("{"))
        .map(l -> Router.JSON.readTree(l))
        .toList();
  }
}
