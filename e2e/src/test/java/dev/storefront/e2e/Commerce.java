package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/** A shopper's and an operator's view of the commerce flow, through the router and the sandbox. */
final class Commerce {

  static final URI SANDBOX =
      URI.create(System.getProperty("storefront.sandbox.url", "http://127.0.0.1:4090"));
  static final Set<String> FINAL = Set.of("CONFIRMED", "PAYMENT_FAILED", "REJECTED", "CANCELLED");
  static final String ADDRESS =
      "{name: \"Ada Lovelace\", line1: \"12 Analytical Row\", postalCode: \"10115\","
          + " city: \"Berlin\", country: \"DE\"}";
  static final String ORDER_FIELDS =
      "id status failureReason total { amount currencyCode }"
          + " items { product { id name } quantity unitPrice { amount } lineTotal { amount } }"
          + " statusHistory { status at reason }"
          + " payment { status processorReference failureReason amount { amount } }";

  private Commerce() {}

  static Router.Response as(String user, String query) {
    return as(user, query, Map.of());
  }

  /** A request signed in as demo user {@code user} (or {@value Accounts#ADMIN}). */
  static Router.Response as(String user, String query, Map<String, Object> variables) {
    return Router.post(
        query,
        variables,
        Map.of("accept", "application/json", "authorization", "Bearer " + Accounts.token(user)));
  }

  static JsonNode ok(Router.Response response) {
    assertThat(response.errors().isMissingNode() || response.errors().isEmpty())
        .as("errors in %s", response.raw())
        .isTrue();
    return response.data();
  }

  static void setStock(String productId, int onHand) {
    ok(
        as(
            Accounts.ADMIN,
            "mutation($p: ID!, $n: Int!) { setStockLevel(productId: $p, onHand: $n) { id } }",
            Map.of("p", productId, "n", onHand)));
  }

  record Stock(int onHand, int reserved, int available) {}

  static Stock stock(String productId) {
    JsonNode product =
        ok(as(
                Accounts.ADMIN,
                "query($p: ID!) { product(id: $p) { onHandQuantity reservedQuantity availableQuantity } }",
                Map.of("p", productId)))
            .path("product");
    return new Stock(
        product.path("onHandQuantity").asInt(),
        product.path("reservedQuantity").asInt(),
        product.path("availableQuantity").asInt());
  }

  static void fillCart(String user, String productId, int quantity) {
    ok(as(user, "mutation { clearCart { totalQuantity } }"));
    ok(
        as(
            user,
            "mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { totalQuantity } }",
            Map.of("p", productId, "q", quantity)));
  }

  /**
   * Places (or, with a used key, fetches) the order, retrying with the same key when the answer was
   * lost to a timeout — what a real client does, and safe because of the key.
   */
  static Router.Response checkout(String user, String key) {
    Router.Response response = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      response = checkoutOnce(user, key);
      // An answer lost to a timeout, or a checkout that failed inside (no order placed): a
      // client retries both with the same key.
      if (!response.raw().contains("aborted due to timeout")
          && !response.raw().contains("INTERNAL_SERVER_ERROR")) {
        return response;
      }
    }
    return response;
  }

  static Router.Response checkoutOnce(String user, String key) {
    return as(
        user,
        "mutation($k: String!) { checkout(input: {idempotencyKey: $k, shippingAddress: "
            + ADDRESS
            + "}) { "
            + ORDER_FIELDS
            + " } }",
        Map.of("k", key));
  }

  static String newKey() {
    return UUID.randomUUID().toString();
  }

  static JsonNode order(String user, String orderId) {
    return ok(as(
            user,
            "query($id: ID!) { order(id: $id) { " + ORDER_FIELDS + " } }",
            Map.of("id", orderId)))
        .path("order");
  }

  /** Polls until the order's status is final. */
  static JsonNode awaitFinal(String user, String orderId, Duration timeout) {
    Instant until = Instant.now().plus(timeout);
    JsonNode order;
    do {
      order = order(user, orderId);
      if (FINAL.contains(order.path("status").asString())) {
        // The payment row settles in the same saga step; give its read a consistent view too.
        return order;
      }
      sleep(200);
    } while (Instant.now().isBefore(until));
    throw new AssertionError("order " + orderId + " not final after " + timeout + ": " + order);
  }

  static void sandbox(String configJson) {
    var response =
        Router.exchange(
            HttpRequest.newBuilder(SANDBOX.resolve("/sandbox/config"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + sandboxAdminToken())
                .PUT(HttpRequest.BodyPublishers.ofString(configJson))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** payments' gauge for its card processor circuit breaker being open (1.0) or not (0.0). */
  static final String CIRCUIT_OPEN =
      "resilience4j_circuitbreaker_state{name=\"cardProcessor\",service=\"payments\",state=\"open\"}";

  static void sandboxDefaults() {
    sandbox(
        "{\"latencyMs\": 200, \"apiLatencyMs\": 0, \"declineRate\": 0.0, \"errorRate\": 0.0,"
            + " \"outage\": false}");
    awaitCircuitNotOpen();
  }

  /**
   * A test that made the processor fail may leave payments' circuit breaker open for its open
   * interval; checkouts in that window fail fast by design, so the next test waits it out.
   */
  static void awaitCircuitNotOpen() {
    Instant until = Instant.now().plusSeconds(30);
    while (metric(4007, CIRCUIT_OPEN).endsWith(" 1.0")) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("payments' circuit breaker still open after 30 s");
      }
      sleep(250);
    }
  }

  /** The processor's intents for an order (its reference). */
  static List<JsonNode> intents(String orderId) {
    List<JsonNode> intents = new ArrayList<>();
    var response =
        Router.exchange(
            HttpRequest.newBuilder(SANDBOX.resolve("/sandbox/payment_intents?reference=" + orderId))
                .timeout(Duration.ofSeconds(10))
                .header("authorization", "Bearer " + sandboxAdminToken())
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Router.JSON.readTree(response.body()).forEach(intents::add);
    return intents;
  }

  /** The token of the sandbox's admin API: what ./platform started it with. */
  static String sandboxAdminToken() {
    String fromEnvironment = System.getenv("SANDBOX_ADMIN_TOKEN");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return Files.readString(
              SchemaRegistryTest.PLATFORM.getParent().resolve(".run/sandbox-admin-token"))
          .strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "no sandbox admin token: ./platform up writes .run/sandbox-admin-token", e);
    }
  }

  static long succeededCharges(String orderId) {
    return intents(orderId).stream()
        .filter(i -> "succeeded".equals(i.path("status").asString()))
        .count();
  }

  static String metric(int port, String prefix) {
    return Router.get(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
        .lines()
        .filter(line -> line.startsWith(prefix))
        .findFirst()
        .orElse("");
  }

  /** Runs the tasks on {@code threads} threads at once and returns their results in order. */
  static <T> List<T> concurrently(int threads, List<Callable<T>> tasks) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<T>> futures = pool.invokeAll(tasks);
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    }
  }

  static Path platform() {
    return SchemaRegistryTest.PLATFORM;
  }

  /** kill -9: no graceful shutdown, whatever was in flight is cut off. */
  static void kill(String process) throws IOException, InterruptedException {
    Path pidFile = platform().getParent().resolve(".run/" + process + ".pid");
    String pid = Files.readString(pidFile).strip();
    Process kill = new ProcessBuilder("kill", "-9", pid).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    ProcessHandle.of(Long.parseLong(pid))
        .ifPresent(
            handle -> handle.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
  }

  static void stop(String process) throws IOException, InterruptedException {
    SchemaRegistryTest.platform("stop", process);
  }

  static void start(String process) throws IOException, InterruptedException {
    SchemaRegistryTest.platform("start", process);
  }

  /**
   * {@code ./platform start NAME} with the launcher's readiness wait (300 s for a service, 60 s for
   * the broker) shortened to {@code within}, so that a test restarting a part stays bounded.
   */
  static void start(String process, Duration within) throws IOException, InterruptedException {
    String seconds = String.valueOf(Math.max(1, within.toSeconds()));
    run(
        within.plusSeconds(30), // select_jdk and the launcher's checks before the wait
        Map.of("STOREFRONT_READY_TIMEOUT", seconds, "STOREFRONT_KAFKA_READY_TIMEOUT", seconds),
        List.of(platform().toString(), "start", process));
  }

  /**
   * Runs a command to its end within {@code within}; its output, or an exception with it. Output
   * goes through a file: a daemon the command starts (redis-server, postgres) keeps inherited pipes
   * open, and reading one would wait for the daemon instead of the command.
   */
  static String run(Duration within, Map<String, String> environment, List<String> command)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("storefront-e2e-", ".out");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + within + ": " + text(output));
      }
      String text = text(output);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited with " + process.exitValue() + ": " + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String text(Path output) throws IOException {
    return new String(Files.readAllBytes(output), java.nio.charset.StandardCharsets.UTF_8);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The body of an orderStatusChanged subscription (sent as server-sent events). */
  static String orderStatusSubscription(String orderId) {
    return Router.JSON.writeValueAsString(
        Map.of(
            "query",
            "subscription($id: ID!) { orderStatusChanged(orderId: $id) { id status } }",
            "variables",
            Map.of("id", orderId)));
  }
}
