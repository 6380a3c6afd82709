package dev.storefront.e2e;

import static dev.storefront.e2e.Commerce.as;
import static dev.storefront.e2e.Commerce.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, items 3 and 4, tried from inside the network: webhooks signed with the secret the
 * platform runs with but about someone else's payment, malformed signature headers, the sandbox's
 * admin API without its token, oversized and out-of-range input, and the screen cache's budget.
 */
class ZeroTrustInputTest {

  static final URI REDIS =
      URI.create(System.getProperty("storefront.redis.url", "redis://127.0.0.1:6379"));
  static final int SEARCH_BUDGET = 300;

  static RedisClient redisClient;
  static StatefulRedisConnection<String, String> connection;

  @BeforeAll
  static void connect() {
    redisClient = RedisClient.create(REDIS.toString());
    connection = redisClient.connect();
  }

  @AfterAll
  static void disconnect() {
    connection.close();
    redisClient.shutdown();
  }

  @Test
  void webhooksAboutAnotherPaymentsIntentOrAnotherAmountAreRefusedAndChangeNothing()
      throws Exception {
    // Slow decisions keep both payments PENDING while the forged outcomes arrive.
    Commerce.sandbox("{\"latencyMs\": 30000, \"declineRate\": 0.0, \"errorRate\": 0.0}");
    try {
      JsonNode mine = pendingPayment("851", "9971");
      JsonNode theirs = pendingPayment("852", "9972");
      String myOrder = mine.path("id").asString();
      String myIntent = mine.at("/payment/processorReference").asString();
      String theirIntent = theirs.at("/payment/processorReference").asString();
      String myAmount = mine.at("/payment/amount/amount").asString();
      String currency = mine.at("/total/currencyCode").asString();

      String otherIntent = succeeded(myOrder, theirIntent, myAmount, currency);
      assertThat(ProcessorWebhooks.send(otherIntent, sign(otherIntent))).isEqualTo(409);
      String otherAmount = succeeded(myOrder, myIntent, "0.01", currency);
      assertThat(ProcessorWebhooks.send(otherAmount, sign(otherAmount))).isEqualTo(409);
      String otherCurrency =
          succeeded(myOrder, myIntent, myAmount, "EUR".equals(currency) ? "USD" : "EUR");
      assertThat(ProcessorWebhooks.send(otherCurrency, sign(otherCurrency))).isEqualTo(409);

      JsonNode after = Commerce.order("851", myOrder);
      assertThat(after.at("/payment/status").asString()).isEqualTo("PENDING");
      assertThat(after.at("/payment/processorReference").asString()).isEqualTo(myIntent);
      // The saga may have moved the order from PENDING to RESERVED meanwhile (stock is reserved
      // before the payment); a webhook that was applied would have made it AUTHORIZED or final.
      assertThat(after.path("status").asString()).isIn("PENDING", "RESERVED");
      JsonNode theirsAfter = Commerce.order("852", theirs.path("id").asString());
      assertThat(theirsAfter.at("/payment/status").asString()).isEqualTo("PENDING");
    } finally {
      Commerce.sandboxDefaults();
    }
  }

  @Test
  void malformedSignatureHeadersAre400NotServerErrors() {
    String body = succeeded("00000000-0000-0000-0000-000000000000", "pi_x", "1.00", "EUR");
    for (String header :
        List.of(
            "t=9223372036854775807,v1=00",
            "t=-9223372036854775808,v1=00",
            "t=" + "9".repeat(400) + ",v1=00",
            "t=" + Instant.now().getEpochSecond(),
            "v1=00",
            "t=,v1=",
            "garbage")) {
      assertThat(ProcessorWebhooks.send(body, header)).as(header).isEqualTo(400);
    }
  }

  @Test
  void theSandboxAdminApiRefusesCallersWithoutItsToken() {
    URI sandbox = Commerce.SANDBOX;
    for (String path : List.of("/sandbox/config", "/sandbox/stats", "/sandbox/payment_intents")) {
      assertThat(sandboxCall(sandbox.resolve(path), "GET", null)).as(path).isIn(401, 403);
      assertThat(sandboxCall(sandbox.resolve(path), "GET", "Bearer not-the-token"))
          .as(path)
          .isIn(401, 403);
    }
    assertThat(sandboxCall(sandbox.resolve("/sandbox/reset"), "POST", null)).isIn(401, 403);
    assertThat(sandboxCall(URI.create(sandbox + "/s%61ndbox/reset"), "POST", null)).isIn(401, 403);
    assertThat(
            sandboxCall(
                sandbox.resolve("/sandbox/config"),
                "GET",
                "Bearer " + Commerce.sandboxAdminToken()))
        .isEqualTo(200);
  }

  @Test
  void aLoginWithA200KilobyteEmailIsBadInputAndLeavesNoLargeKey() {
    String email = "a".repeat(200 * 1024) + "@example.com";
    var response =
        Router.post(
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
            Map.of("e", email, "p", "wrong password"));
    assertThat(JsonNodes.code(response)).as(response.raw()).isEqualTo("BAD_USER_INPUT");
    assertThat(response.errors().path(0).at("/extensions/argument").asString()).isEqualTo("email");
    eachKey("accounts:*", key -> assertSmall(key, 512));
  }

  @Test
  void aThousandDistinctSearchesStayWithinTheScreenCacheBudget() {
    String marker = "zt" + System.nanoTime();
    long screensBefore = countKeys("bff-mobile:screen:products:*");
    for (int i = 0; i < 1000; i++) {
      var response = BffMobileTest.get("/v1/products?limit=1&q=" + marker + i, Map.of());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
    long[] screens = {0};
    long[] bytes = {0};
    eachKey(
        "bff-mobile:screen:products:*",
        key -> {
          screens[0]++;
          Long usage = connection.sync().memoryUsage(key);
          bytes[0] += usage == null ? 0 : usage;
        });
    // Two copies (fresh, last good) of at most 300 searches, each at most 32 KiB. Counted as what
    // the searches added: keys a bff-mobile without the budget left (24 h life) are not the
    // budget's.
    assertThat(screens[0] - screensBefore).isLessThanOrEqualTo(2L * SEARCH_BUDGET);
    assertThat(bytes[0] / Math.max(1, screens[0])).isLessThanOrEqualTo(33 * 1024);
    assertThat(connection.sync().zcard("bff-mobile:screen:index:products"))
        .isLessThanOrEqualTo(SEARCH_BUDGET);
  }

  @Test
  void redisNeverEvictsSessionsRateLimitsOrLockouts() {
    RedisCommands<String, String> redis = connection.sync();
    assertThat(redis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "noeviction");
    assertThat(Long.parseLong(redis.configGet("maxmemory").get("maxmemory"))).isPositive();
  }

  @Test
  void outOfRangeNumbersAreBadUserInputNamingTheArgument() {
    String page =
        "query($f: ProductFilter) { products(first: 1, filter: $f) { edges { cursor } } }";
    for (String price : List.of("1e999999999", "Infinity", "NaN", "9".repeat(400), "-1")) {
      for (String argument : List.of("minPrice", "maxPrice")) {
        var response = Router.post(page, Map.of("f", Map.of(argument, price)));
        assertThat(JsonNodes.code(response)).as(response.raw()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errors().path(0).at("/extensions/argument").asString())
            .isEqualTo("filter." + argument);
      }
    }
    var huge =
        Router.post(
            "query($n: Int) { products(first: $n) { edges { cursor } } }",
            Map.of("n", new java.math.BigInteger("9".repeat(400))));
    // Refused by the router's own variable coercion, before any subgraph.
    assertThat(JsonNodes.code(huge)).as(huge.raw()).isEqualTo("BAD_USER_INPUT");
    assertThat(huge.errors().path(0).at("/extensions/argument").asString()).isEqualTo("n");
    var quantity =
        as(
            "853",
            "mutation($q: Int!) { addToCart(productId: \"1\", quantity: $q) { totalQuantity } }",
            Map.of("q", new java.math.BigInteger("9".repeat(400))));
    assertThat(JsonNodes.code(quantity)).as(quantity.raw()).isEqualTo("BAD_USER_INPUT");
    assertThat(quantity.errors().path(0).at("/extensions/argument").asString()).isEqualTo("q");
  }

  /** An order of one unit whose payment is PENDING with its intent recorded. */
  private static JsonNode pendingPayment(String user, String product) {
    Commerce.setStock(product, 100);
    Commerce.fillCart(user, product, 1);
    String orderId = ok(Commerce.checkout(user, Commerce.newKey())).at("/checkout/id").asString();
    Instant until = Instant.now().plus(Duration.ofSeconds(20));
    JsonNode order;
    do {
      order = Commerce.order(user, orderId);
      if (order.at("/payment/processorReference").isString()) {
        assertThat(order.at("/payment/status").asString()).isEqualTo("PENDING");
        return order;
      }
      Commerce.sleep(200);
    } while (Instant.now().isBefore(until));
    throw new AssertionError("no intent recorded for order " + orderId + ": " + order);
  }

  private static String succeeded(String orderId, String intent, String amount, String currency) {
    return Router.JSON.writeValueAsString(
        Map.of(
            "id",
            "evt_zt_" + System.nanoTime(),
            "type",
            "payment_intent.succeeded",
            "created",
            Instant.now().getEpochSecond(),
            "data",
            Map.of(
                "object",
                Map.of(
                    "id", intent,
                    "object", "payment_intent",
                    "status", "succeeded",
                    "amount", amount,
                    "currency", currency,
                    "reference", orderId))));
  }

  private static String sign(String body) throws Exception {
    return ProcessorWebhooks.sign(
        ProcessorWebhooks.DEV_SECRET, Instant.now().getEpochSecond(), body);
  }

  private static int sandboxCall(URI uri, String method, String authorization) {
    var request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("authorization", authorization);
    }
    return Router.exchange(request.build()).statusCode();
  }

  private static long countKeys(String pattern) {
    long[] count = {0};
    eachKey(pattern, key -> count[0]++);
    return count[0];
  }

  private static void eachKey(String pattern, Consumer<String> action) {
    ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(pattern).limit(1000))
        .forEachRemaining(action);
  }

  private static void assertSmall(String key, long maxBytes) {
    assertThat(key.length())
        .as("key %s…", key.substring(0, Math.min(80, key.length())))
        .isLessThan(200);
    Long usage = connection.sync().memoryUsage(key);
    assertThat(usage == null ? 0 : usage).as("MEMORY USAGE of %s", key).isLessThan(maxBytes);
  }
}
