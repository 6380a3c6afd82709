package dev.storefront.payments.payment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The card processor's intent API as the sandbox serves it (create with an idempotency key, read,
 * cancel a processing or succeeded intent, 409 for a failed one), in memory on a random port. The
 * sandbox's own classes are not on payments' test classpath (its jar is a Spring Boot executable);
 * this keeps payments' calls to the processor under test. Intents stay {@code processing} unless
 * the test says how the intent of an order is decided at creation.
 */
final class FakeCardProcessor implements AutoCloseable {

  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpServer server;
  private final Map<String, Map<String, Object>> intents = new ConcurrentHashMap<>();
  private final Map<String, String> byKey = new ConcurrentHashMap<>();
  private final Map<String, String> decisions = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  FakeCardProcessor() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/v1/payment_intents", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The intent created for this order's payment is at once {@code status}, e.g. succeeded. */
  void decideAtCreation(String reference, String status) {
    decisions.put(reference, status);
  }

  /** The status of the order's intent, if one was created. */
  Optional<String> statusFor(String reference) {
    return intents.values().stream()
        .filter(intent -> reference.equals(intent.get("reference")))
        .map(intent -> (String) intent.get("status"))
        .findFirst();
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    try (exchange) {
      if (method.equals("POST") && path.equals("/v1/payment_intents")) {
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String existing = byKey.get(key);
        if (existing != null) {
          reply(exchange, 200, intents.get(existing));
          return;
        }
        String id = "pi_fake_" + ids.incrementAndGet();
        String reference = body.path("reference").asString();
        Map<String, Object> intent = new ConcurrentHashMap<>();
        intent.put("id", id);
        intent.put("object", "payment_intent");
        intent.put("status", decisions.getOrDefault(reference, "processing"));
        intent.put("amount", body.path("amount").asString());
        intent.put("currency", body.path("currency").asString());
        intent.put("reference", reference);
        if ("failed".equals(intent.get("status"))) {
          intent.put("failure_code", "card_declined");
        }
        intents.put(id, intent);
        byKey.put(key, id);
        reply(exchange, 201, intent);
        return;
      }
      String[] parts = path.split("/");
      Map<String, Object> intent = parts.length >= 4 ? intents.get(parts[3]) : null;
      if (intent == null) {
        reply(exchange, 404, Map.of("error", Map.of("type", "invalid_request_error")));
        return;
      }
      if (method.equals("POST") && path.endsWith("/cancel")) {
        if ("failed".equals(intent.get("status"))) {
          reply(exchange, 409, Map.of("error", Map.of("type", "invalid_request_error")));
          return;
        }
        intent.put("status", "canceled");
      }
      reply(exchange, 200, intent);
    }
  }

  private void reply(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
