package dev.storefront.e2e;

import static dev.storefront.e2e.Commerce.as;
import static dev.storefront.e2e.Commerce.awaitFinal;
import static dev.storefront.e2e.Commerce.checkout;
import static dev.storefront.e2e.Commerce.fillCart;
import static dev.storefront.e2e.Commerce.newKey;
import static dev.storefront.e2e.Commerce.ok;
import static dev.storefront.e2e.Commerce.setStock;
import static dev.storefront.e2e.Commerce.stock;
import static dev.storefront.e2e.JsonNodes.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The checkout saga through the router: cart → order → stock reserved → payment authorised by the
 * card processor sandbox → confirmed, and what happens when stock, the processor or the orders
 * service give way. Users are accounts' demo users; each test has its own product and users.
 */
class CheckoutTest {

  static final Duration SETTLE = Duration.ofSeconds(60);

  @BeforeEach
  @AfterEach
  void processorBehavesNormally() {
    Commerce.sandboxDefaults();
  }

  @Test
  void aCheckoutGoesFromCartToConfirmedOrderWithStatusUpdatesOnTheSubscription() throws Exception {
    String user = "899";
    String product = "9981";
    setStock(product, 10);
    fillCart(user, product, 2);
    JsonNode cart =
        ok(as(
                user,
                "{ user(id: \"899\") { cart { totalQuantity subtotal { amount } items { unitPrice { amount } } } } }"))
            .path("user")
            .path("cart");
    assertThat(cart.path("totalQuantity").asInt()).isEqualTo(2);

    JsonNode placed = ok(checkout(user, newKey())).path("checkout");
    String orderId = placed.path("id").asString();
    assertThat(placed.path("status").asString())
        .isIn("PENDING", "RESERVED", "AUTHORIZED", "CONFIRMED");
    assertThat(placed.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
    assertThat(placed.path("total").path("amount").asString())
        .isEqualTo(cart.path("subtotal").path("amount").asString());
    List<String> statuses = subscribe(user, orderId);

    JsonNode order = awaitFinal(user, orderId, SETTLE);
    assertThat(order.path("status").asString()).isEqualTo("CONFIRMED");
    assertThat(order.path("statusHistory").findValuesAsString("status"))
        .containsExactly("PENDING", "RESERVED", "AUTHORIZED", "CONFIRMED");
    assertThat(order.path("payment").path("status").asString()).isEqualTo("AUTHORIZED");
    assertThat(order.path("payment").path("amount").path("amount").asString())
        .isEqualTo(order.path("total").path("amount").asString());
    assertThat(Commerce.succeededCharges(orderId)).isEqualTo(1);
    assertThat(stock(product)).isEqualTo(new Commerce.Stock(8, 0, 8));

    awaitUntil(() -> !subscriptionOpen, Duration.ofSeconds(20));
    assertThat(statuses).isNotEmpty().last().isEqualTo("CONFIRMED");
    assertThat(statuses)
        .isSortedAccordingTo(
            java.util.Comparator.comparingInt(
                List.of("PENDING", "RESERVED", "AUTHORIZED", "CONFIRMED")::indexOf));

    // The bought units left the cart; the order is in the user's list; nobody else sees it.
    awaitUntil(
        () ->
            ok(as(user, "{ user(id: \"899\") { cart { totalQuantity } } }"))
                    .at("/user/cart/totalQuantity")
                    .asInt()
                == 0,
        Duration.ofSeconds(10));
    JsonNode orders =
        ok(as(user, "{ user(id: \"899\") { orders(first: 5) { edges { node { id status } } } } }"));
    assertThat(orders.at("/user/orders/edges").findValuesAsString("id")).contains(orderId);
    var stranger = as("898", "query($id: ID!) { order(id: $id) { id } }", Map.of("id", orderId));
    assertThat(stranger.errors().get(0).at("/extensions/code").asString()).isEqualTo("NOT_FOUND");
    var strangersList = as("898", "{ user(id: \"899\") { orders { edges { node { id } } } } }");
    assertThat(strangersList.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void badCartInputIsRefusedWithTypedErrors() {
    String user = "897";
    ok(as(user, "mutation { clearCart { totalQuantity } }"));
    assertThat(
            code(
                as(
                    user,
                    "mutation { addToCart(productId: \"99999999\", quantity: 1) { totalQuantity } }")))
        .isEqualTo("BAD_USER_INPUT");
    assertThat(
            code(
                as(
                    user,
                    "mutation { addToCart(productId: \"1\", quantity: 0) { totalQuantity } }")))
        .isEqualTo("BAD_USER_INPUT");
    assertThat(
            code(
                as(
                    user,
                    "mutation { addToCart(productId: \"1\", quantity: 100) { totalQuantity } }")))
        .isEqualTo("BAD_USER_INPUT");
    assertThat(code(as(user, "mutation { removeFromCart(productId: \"1\") { totalQuantity } }")))
        .isEqualTo("NOT_FOUND");
    assertThat(code(checkout(user, newKey()))).isEqualTo("BAD_USER_INPUT"); // empty cart
    var anonymous =
        Router.post("mutation { addToCart(productId: \"1\", quantity: 1) { totalQuantity } }");
    assertThat(code(anonymous)).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void twoHundredShoppersRaceForFiftyUnitsAndExactlyFiftyGetOne() throws Exception {
    String product = "9982";
    setStock(product, 50);
    List<String> users = new ArrayList<>();
    for (int i = 601; i <= 800; i++) {
      users.add(String.valueOf(i));
    }
    Commerce.concurrently(
        16,
        users.stream()
            .<java.util.concurrent.Callable<Void>>map(u ->
                () -> {
                  fillCart(u, product, 1);
                  return null;
                })
            .toList());

    List<String> orderIds =
        Commerce.concurrently(
            200,
            users.stream()
                .<java.util.concurrent.Callable<String>>map(
                    u -> () -> ok(checkout(u, newKey())).at("/checkout/id").asString())
                .toList());

    Map<String, Long> outcomes = new java.util.TreeMap<>();
    for (int i = 0; i < users.size(); i++) {
      JsonNode order = awaitFinal(users.get(i), orderIds.get(i), SETTLE);
      outcomes.merge(order.path("status").asString(), 1L, Long::sum);
    }
    assertThat(outcomes).isEqualTo(Map.of("CONFIRMED", 50L, "REJECTED", 150L));
    assertThat(stock(product)).isEqualTo(new Commerce.Stock(0, 0, 0));
  }

  @Test
  void tenConcurrentRetriesOfOneCheckoutPlaceOneOrderAndChargeOnce() throws Exception {
    String user = "900";
    String product = "9983";
    setStock(product, 20);
    fillCart(user, product, 3);
    String key = newKey();
    List<String> ids =
        Commerce.concurrently(
            10,
            java.util.Collections.nCopies(
                10,
                (java.util.concurrent.Callable<String>)
                    () -> ok(checkout(user, key)).at("/checkout/id").asString()));
    assertThat(ids).hasSize(10).containsOnly(ids.getFirst());

    JsonNode order = awaitFinal(user, ids.getFirst(), SETTLE);
    assertThat(order.path("status").asString()).isEqualTo("CONFIRMED");
    assertThat(Commerce.intents(ids.getFirst())).hasSize(1);
    assertThat(Commerce.succeededCharges(ids.getFirst())).isEqualTo(1);
    assertThat(stock(product)).isEqualTo(new Commerce.Stock(17, 0, 17));
    // The same key with another address is a conflict, not a second order.
    var other =
        as(
            user,
            "mutation($k: String!) { checkout(input: {idempotencyKey: $k, shippingAddress: {name: \"X\","
                + " line1: \"Elsewhere 1\", postalCode: \"1\", city: \"Paris\", country: \"FR\"}}) { id } }",
            Map.of("k", key));
    assertThat(code(other)).isEqualTo("CONFLICT");
  }

  @Test
  void withHalfTheProcessorCallsFailingEveryOrderEndsConsistentlyAndNothingIsChargedTwice()
      throws Exception {
    String product = "9984";
    setStock(product, 100);
    Commerce.sandbox("{\"errorRate\": 0.5, \"declineRate\": 0.2}");
    List<String> users = range(801, 840);
    users.forEach(u -> fillCart(u, product, 1));
    List<String> orderIds =
        Commerce.concurrently(
            20,
            users.stream()
                .<java.util.concurrent.Callable<String>>map(
                    u -> () -> ok(checkout(u, newKey())).at("/checkout/id").asString())
                .toList());

    int confirmed = 0;
    for (int i = 0; i < users.size(); i++) {
      JsonNode order = awaitFinal(users.get(i), orderIds.get(i), Duration.ofSeconds(150));
      String status = order.path("status").asString();
      assertThat(status).isIn("CONFIRMED", "PAYMENT_FAILED");
      long charges = Commerce.succeededCharges(orderIds.get(i));
      if (status.equals("CONFIRMED")) {
        confirmed++;
        assertThat(charges).as("charges of confirmed order %s", orderIds.get(i)).isEqualTo(1);
      } else {
        assertThat(charges).as("charges of failed order %s", orderIds.get(i)).isZero();
        assertThat(order.path("failureReason").asString()).startsWith("payment failed");
      }
      assertThat(Commerce.intents(orderIds.get(i)).size()).isLessThanOrEqualTo(1);
    }
    assertThat(stock(product)).isEqualTo(new Commerce.Stock(100 - confirmed, 0, 100 - confirmed));
  }

  @Test
  void duringAnOutageTheCircuitOpensCheckoutsFailFastAndRecoverAfterwards() throws Exception {
    String product = "9986";
    setStock(product, 100);
    Commerce.sandbox("{\"outage\": true}");
    List<String> users = range(841, 860);
    users.forEach(u -> fillCart(u, product, 1));
    long started = System.nanoTime();
    List<String> orderIds = new ArrayList<>();
    for (String user : users) {
      orderIds.add(ok(checkout(user, newKey())).at("/checkout/id").asString());
    }
    for (int i = 0; i < users.size(); i++) {
      JsonNode order = awaitFinal(users.get(i), orderIds.get(i), SETTLE);
      assertThat(order.path("status").asString()).isEqualTo("PAYMENT_FAILED");
      assertThat(order.path("payment").path("failureReason").asString())
          .isEqualTo("processor_unavailable");
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    // Twenty checkouts against a dead processor settle quickly: no waiting for timeouts.
    assertThat(seconds).as("seconds until all failed").isLessThan(45);
    assertThat(Commerce.metric(4007, Commerce.CIRCUIT_OPEN)).endsWith(" 1.0");
    assertThat(stock(product)).isEqualTo(new Commerce.Stock(100, 0, 100));

    Commerce.sandboxDefaults();
    // After the open interval the breaker lets trial calls through and closes again.
    String user = "861";
    awaitUntil(
        () -> {
          fillCart(user, product, 1);
          String id = ok(checkout(user, newKey())).at("/checkout/id").asString();
          return awaitFinal(user, id, SETTLE).path("status").asString().equals("CONFIRMED");
        },
        Duration.ofSeconds(60));
    assertThat(stock(product).onHand()).isEqualTo(99);
  }

  @Test
  void ordersKilledMidRunAndRestartedStillBringsEveryOrderToAFinalState() throws Exception {
    String product = "9987";
    setStock(product, 100);
    Commerce.sandbox("{\"latencyMs\": 1500}");
    List<String> users = range(861, 890);
    users.forEach(u -> fillCart(u, product, 1));
    List<String> keys = users.stream().map(u -> newKey()).toList();
    List<CompletableFuture<Router.Response>> first = new ArrayList<>();
    var clients = java.util.concurrent.Executors.newFixedThreadPool(8);
    for (int i = 0; i < users.size(); i++) {
      String user = users.get(i);
      String key = keys.get(i);
      first.add(
          CompletableFuture.supplyAsync(() -> {
            try {
              return checkout(user, key);
            } catch (RuntimeException cutOff) {
              return null;
            }
          }));
      if (i == users.size() / 2) {
        Commerce.kill("orders");
      }
    }
    first.forEach(CompletableFuture::join);
    clients.shutdown();
    Commerce.start("orders");

    // A client whose checkout was cut off retries with its key: it gets the order if one was
    // placed, or places it now — never a second one.
    int confirmed = 0;
    for (int i = 0; i < users.size(); i++) {
      String id = ok(checkout(users.get(i), keys.get(i))).at("/checkout/id").asString();
      JsonNode order = awaitFinal(users.get(i), id, Duration.ofSeconds(90));
      assertThat(order.path("status").asString()).isEqualTo("CONFIRMED");
      assertThat(Commerce.succeededCharges(id)).isEqualTo(1);
      confirmed++;
    }
    assertThat(stock(product)).isEqualTo(new Commerce.Stock(100 - confirmed, 0, 100 - confirmed));
  }

  private static List<String> range(int from, int to) {
    List<String> users = new ArrayList<>();
    for (int i = from; i < to; i++) {
      users.add(String.valueOf(i));
    }
    return users;
  }

  private volatile boolean subscriptionOpen;

  /** Reads orderStatusChanged over server-sent events in the background; the statuses seen. */
  private List<String> subscribe(String user, String orderId) {
    List<String> statuses = new CopyOnWriteArrayList<>();
    String body = Commerce.orderStatusSubscription(orderId);
    var request =
        HttpRequest.newBuilder(Router.URL)
            .header("content-type", "application/json")
            .header("accept", "text/event-stream")
            .header("authorization", "Bearer " + Accounts.token(user))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    subscriptionOpen = true;
    Router.HTTP
        .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(response ->
            response
                .body()
                .filter(line -> line.startsWith("data:") && line.length() > 6)
                .map(line -> Router.JSON.readTree(line.substring(5)))
                .map(json -> json.at("/data/orderStatusChanged/status").asString(""))
                .filter(status -> !status.isEmpty())
                .forEach(status -> {
                  // The router repeats the last event when the stream completes.
                  if (statuses.isEmpty() || !statuses.getLast().equals(status)) {
                    statuses.add(status);
                  }
                }))
        .whenComplete((done, error) -> subscriptionOpen = false);
    return statuses;
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Commerce.sleep(300);
    }
  }
}
