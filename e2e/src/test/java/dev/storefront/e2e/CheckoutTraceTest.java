package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One checkout placed through bff-web is one trace in Zipkin, from the BFF through the router, the
 * subgraphs, across the broker (outbox relay → consumers) to the card processor; and every
 * process's log lines for it carry that trace id. The test starts the trace itself (a W3C
 * traceparent on the BFF request), so it knows which trace to look for.
 */
class CheckoutTraceTest {

  static final URI ZIPKIN =
      URI.create(System.getProperty("storefront.zipkin.url", "http://127.0.0.1:9411"));
  static final String SHOPPER = "887";
  static final Set<String> TRACED =
      Set.of("bff-web", "router", "orders", "inventory", "payments", "card-processor-sandbox");

  static String traceId;
  static String orderId;

  /** Places the order once for both tests and waits until the saga has finished it. */
  @BeforeAll
  static void placeATracedOrder() {
    assertThat(Router.get(ZIPKIN.resolve("/health")))
        .as("Zipkin at " + ZIPKIN + " (./platform up starts it unless STOREFRONT_TELEMETRY=off)")
        .contains("UP");
    BffWebTest.ids = PersistedOperations.registeredIds("bff-web");
    var session = BffWebTest.login(SHOPPER);
    Commerce.fillCart(SHOPPER, "21", 1);

    SecureRandom random = new SecureRandom();
    traceId = HexFormat.of().formatHex(random.generateSeed(16));
    String parentSpan = HexFormat.of().formatHex(random.generateSeed(8));
    Map<String, Object> input = BffWebTest.checkoutInput("Grace");
    Map<String, String> headers = new HashMap<>();
    headers.put("cookie", session.cookie());
    headers.put("x-csrf-token", session.csrf());
    headers.put("traceparent", "00-" + traceId + "-" + parentSpan + "-01");
    String body =
        Router.JSON.writeValueAsString(
            Map.of(
                "extensions",
                Map.of(
                    "persistedQuery",
                    Map.of("version", 1, "sha256Hash", BffWebTest.ids.get("Checkout"))),
                "variables",
                Map.of("input", input)));
    var placed = Router.send(BffWebTest.BFF.resolve("/graphql"), body, headers);
    orderId = BffWebTest.data(placed).at("/checkout/id").asString();
    assertThat(orderId).isNotBlank();
    Commerce.awaitFinal(SHOPPER, orderId, Duration.ofSeconds(60));
  }

  @Test
  void theCheckoutIsOneTraceFromTheBffToTheCardProcessorAcrossTheBroker() {
    JsonNode spans = awaitTrace(Duration.ofSeconds(60));
    Set<String> services = services(spans);
    assertThat(services).as("services in trace " + traceId).containsAll(TRACED);

    // Across the broker: a consumer span in inventory whose parent is orders' producer span.
    Map<String, JsonNode> byId = new HashMap<>();
    spans.forEach(span -> byId.put(span.path("id").asString(), span));
    List<JsonNode> consumed =
        StreamSupport.stream(spans.spliterator(), false)
            .filter(span -> "CONSUMER".equals(span.path("kind").asString()))
            .filter(span -> "inventory".equals(service(span)))
            .toList();
    assertThat(consumed).as("inventory consumer spans in trace " + traceId).isNotEmpty();
    assertThat(consumed)
        .anySatisfy(span -> {
          JsonNode parent = byId.get(span.path("parentId").asString());
          assertThat(parent).as("parent of " + span).isNotNull();
          assertThat(parent.path("kind").asString()).isEqualTo("PRODUCER");
          assertThat(service(parent)).isEqualTo("orders");
        });
    // The card processor's span answers payments' call, made by the payment loop in the trace it
    // kept with the payment; the processor's webhook to payments is in the trace too.
    assertThat(spans)
        .anySatisfy(span -> {
          assertThat(service(span)).isEqualTo("card-processor-sandbox");
          assertThat(span.path("kind").asString()).isEqualTo("SERVER");
        });
    assertThat(hasWebhook(spans)).as("payments' webhook span in trace " + traceId).isTrue();
    // One trace, no holes: every span's parent is in it, but the caller's (this test's) span.
    assertThat(holes(spans)).as("spans whose parent is missing from trace " + traceId).isEmpty();
  }

  @Test
  void everyProcessLogsTheOrderWithTheTraceId() throws IOException {
    awaitTrace(Duration.ofSeconds(60)); // the last log lines are written by then
    Map<String, Long> linesWithTrace = new HashMap<>();
    for (String process : TRACED) {
      List<JsonNode> lines = jsonLines(PlatformFiles.log(process));
      assertThat(lines).as(process + ".log is JSON lines").isNotEmpty();
      linesWithTrace.put(
          process, lines.stream().filter(line -> traceId.equals(traceIdOf(line))).count());
      // Every line naming the order belongs to its trace.
      lines.stream()
          .filter(line -> line.toString().contains(orderId))
          .forEach(
              line -> assertThat(traceIdOf(line)).as(process + ": " + line).isEqualTo(traceId));
    }
    assertThat(linesWithTrace)
        .as("log lines carrying trace " + traceId)
        .allSatisfy((process, count) -> assertThat(count).as(process).isPositive());
  }

  /**
   * The trace, once every traced process and the processor's webhook have reported their spans
   * (they are sent in batches, every 5 s).
   */
  static JsonNode awaitTrace(Duration timeout) {
    Instant until = Instant.now().plus(timeout);
    JsonNode spans = Router.JSON.createArrayNode();
    while (Instant.now().isBefore(until)) {
      var response =
          Router.exchange(
              java.net.http.HttpRequest.newBuilder(ZIPKIN.resolve("/api/v2/trace/" + traceId))
                  .GET()
                  .build());
      if (response.statusCode() == 200) {
        spans = Router.JSON.readTree(response.body());
        if (services(spans).containsAll(TRACED) && hasWebhook(spans) && holes(spans).isEmpty()) {
          return spans;
        }
      }
      Commerce.sleep(1000);
    }
    return spans;
  }

  /**
   * Spans whose parent is not in the trace (yet: a parent ends, and is sent, after its children),
   * but bff-web's, whose parent is this test's own span.
   */
  static List<String> holes(JsonNode spans) {
    Set<String> ids = new java.util.HashSet<>();
    spans.forEach(span -> ids.add(span.path("id").asString()));
    return StreamSupport.stream(spans.spliterator(), false)
        .filter(span -> span.hasNonNull("parentId"))
        .filter(span -> !ids.contains(span.path("parentId").asString()))
        .filter(span -> !"bff-web".equals(service(span)))
        .map(span -> service(span) + " " + span.path("name").asString())
        .toList();
  }

  /** The processor's webhook comes last (after its decision delay): payments' server span. */
  static boolean hasWebhook(JsonNode spans) {
    return StreamSupport.stream(spans.spliterator(), false)
        .anyMatch(span ->
            "payments".equals(service(span))
                && "SERVER".equals(span.path("kind").asString())
                && span.path("name").asString().contains("/webhooks/card-processor"));
  }

  static Set<String> services(JsonNode spans) {
    return StreamSupport.stream(spans.spliterator(), false)
        .map(CheckoutTraceTest::service)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static String service(JsonNode span) {
    return span.path("localEndpoint").path("serviceName").asString();
  }

  /** ECS JSON (the Java services): trace.id; the router's JSON lines: trace_id. */
  static String traceIdOf(JsonNode line) {
    for (String field : List.of("trace.id", "trace_id", "traceId")) {
      if (line.hasNonNull(field)) {
        return line.path(field).asString();
      }
    }
    JsonNode nested = line.path("trace").path("id");
    return nested.isMissingNode() ? null : nested.asString();
  }

  static List<JsonNode> jsonLines(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(line -> line.startsWith("{"))
        .map(line -> {
          try {
            return Router.JSON.readTree(line);
          } catch (RuntimeException e) {
            return null;
          }
        })
        .filter(node -> node != null)
        .toList();
  }
}
