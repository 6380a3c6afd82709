package dev.storefront.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * What the checkout benchmark does, as a test's background load: each client is one signed-in
 * shopper at a time who empties the cart, adds 1 to 3 units of the product and checks out with a
 * fresh idempotency key, all through the router. A step that fails (a part is down) is repeated
 * after a pause; a checkout is repeated with the same key until it is answered, as a real client
 * does — so every checkout that was ever sent ends with one known order.
 */
final class CheckoutLoad implements AutoCloseable {

  private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

  private final String product;
  private final List<String> users;
  private final ExecutorService clients;
  private final Map<String, String> orderByKey = new ConcurrentHashMap<>();
  private final Map<String, String> unanswered = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean running = true;

  /** {@code clients} shoppers at once, taking turns among {@code users}. */
  CheckoutLoad(String product, List<String> users, int clients) {
    this.product = product;
    this.users = List.copyOf(users);
    this.clients = Executors.newFixedThreadPool(clients);
    // Sign everyone in first: the fault must not hit the sign-ins.
    this.users.forEach(Accounts::token);
    for (int i = 0; i < clients; i++) {
      int client = i;
      this.clients.submit(() -> shop(client, clients));
    }
  }

  private void shop(int client, int clients) {
    Random random = new Random(client);
    for (int turn = client; running; turn += clients) {
      String user = users.get(turn % users.size());
      String key = UUID.randomUUID().toString();
      if (!step(() -> Commerce.as(user, "mutation { clearCart { totalQuantity } }"))
          || !step(() ->
              Commerce.as(
                  user,
                  "mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) {"
                      + " totalQuantity } }",
                  Map.of("p", product, "q", 1 + random.nextInt(3))))) {
        return;
      }
      unanswered.put(key, user);
      checkout(user, key, () -> running);
    }
  }

  /** Repeats a request until it succeeds; false when the load was stopped meanwhile. */
  private boolean step(java.util.function.Supplier<Router.Response> request) {
    while (running) {
      if (succeeded(request)) {
        return true;
      }
      Commerce.sleep(RETRY_PAUSE.toMillis());
    }
    return false;
  }

  private boolean succeeded(java.util.function.Supplier<Router.Response> request) {
    sent.incrementAndGet();
    try {
      Router.Response response = request.get();
      if (response.status() == 200
          && (response.errors().isMissingNode() || response.errors().isEmpty())) {
        return true;
      }
    } catch (RuntimeException connectionRefusedOrTimedOut) {
      // counted below
    }
    failed.incrementAndGet();
    return false;
  }

  private void checkout(String user, String key, java.util.function.BooleanSupplier goOn) {
    while (goOn.getAsBoolean()) {
      sent.incrementAndGet();
      try {
        Router.Response response = Commerce.checkoutOnce(user, key);
        String id = response.data().at("/checkout/id").asString("");
        if (!id.isEmpty()) {
          orderByKey.put(key, id);
          unanswered.remove(key);
          return;
        }
      } catch (RuntimeException connectionRefusedOrTimedOut) {
        // retried with the same key
      }
      failed.incrementAndGet();
      Commerce.sleep(RETRY_PAUSE.toMillis());
    }
  }

  /**
   * Stops the shoppers, then asks again with their keys for the checkouts whose answer never came
   * (until {@code deadline}): each was either placed — the key finds the order — or is placed now.
   */
  void stop(Duration deadline) throws InterruptedException {
    running = false;
    clients.shutdown();
    if (!clients.awaitTermination(90, TimeUnit.SECONDS)) {
      clients.shutdownNow();
    }
    long until = System.nanoTime() + deadline.toNanos();
    for (var entry : List.copyOf(unanswered.entrySet())) {
      checkout(entry.getValue(), entry.getKey(), () -> System.nanoTime() < until);
    }
  }

  Map<String, String> orders() {
    return Map.copyOf(orderByKey);
  }

  int unansweredCheckouts() {
    return unanswered.size();
  }

  long requestsSent() {
    return sent.get();
  }

  long requestsFailed() {
    return failed.get();
  }

  @Override
  public void close() throws InterruptedException {
    if (running) {
      stop(Duration.ZERO);
    }
  }

  /** The orders' statuses, read from the orders database. */
  static Map<String, String> statuses(Iterable<String> orderIds) throws SQLException {
    Map<String, String> statuses = new TreeMap<>();
    List<UUID> ids = new ArrayList<>();
    orderIds.forEach(id -> ids.add(UUID.fromString(id)));
    try (Connection connection = database("orders");
        var statement =
            connection.prepareStatement("SELECT id, status FROM orders WHERE id = ANY(?)")) {
      statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          statuses.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return statuses;
  }

  /** Units of {@code product} in the given orders that are CONFIRMED. */
  static int confirmedUnits(Iterable<String> orderIds, String product) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    orderIds.forEach(id -> ids.add(UUID.fromString(id)));
    try (Connection connection = database("orders");
        var statement =
            connection.prepareStatement(
                "SELECT coalesce(sum(i.quantity), 0) FROM order_items i JOIN orders o ON o.id ="
                    + " i.order_id WHERE o.id = ANY(?) AND o.status = 'CONFIRMED' AND"
                    + " i.product_id = ?")) {
      statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
      statement.setLong(2, Long.parseLong(product));
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** Succeeded charges per order reference, from the card processor sandbox. */
  static Map<String, Long> charges() {
    var response =
        Router.exchange(
            java.net.http.HttpRequest.newBuilder(
                    Commerce.SANDBOX.resolve("/sandbox/payment_intents"))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + Commerce.sandboxAdminToken())
                .build());
    Map<String, Long> charges = new ConcurrentHashMap<>();
    for (JsonNode intent : Router.JSON.readTree(response.body())) {
      if ("succeeded".equals(intent.path("status").asString())) {
        charges.merge(intent.path("reference").asString(), 1L, Long::sum);
      }
    }
    return charges;
  }

  static Connection database(String name) throws SQLException {
    String host = System.getenv().getOrDefault("STOREFRONT_DATABASE_HOST", "127.0.0.1");
    String port = System.getenv().getOrDefault("STOREFRONT_DATABASE_PORT", "5432");
    String user = System.getenv().getOrDefault("STOREFRONT_DATABASE_USERNAME", "postgres");
    String password = System.getenv().getOrDefault("STOREFRONT_DATABASE_PASSWORD", "");
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + ":" + port + "/" + name, user, password);
  }
}
