package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The mobile app's screens from bff-mobile on the running platform: every /v1 endpoint through the
 * real router, and what the app still gets while the router is down.
 */
class BffMobileTest {

  static final URI BFF =
      URI.create(System.getProperty("storefront.bff-mobile.url", "http://127.0.0.1:8081"));
  static final String SHOPPER = "885";

  static HttpResponse<String> get(String path, Map<String, String> headers) {
    var request = HttpRequest.newBuilder(BFF.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
    headers.forEach(request::header);
    return Router.exchange(request.build());
  }

  static HttpResponse<String> send(
      String method, String path, String json, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(BFF.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return Router.exchange(request.build());
  }

  static Map<String, String> signedIn(String user) {
    return Map.of("authorization", "Bearer " + Accounts.token(user));
  }

  /**
   * A 503 (the router did not answer in time: the first checkout on cold services can take longer
   * than bff-mobile's router timeout) is what the app retries with the same Idempotency-Key, which
   * cannot place a second order.
   */
  static HttpResponse<String> checkoutAsTheAppDoes(String body, Map<String, String> headers)
      throws InterruptedException {
    HttpResponse<String> response = send("POST", "/v1/checkout", body, headers);
    for (int retry = 0; retry < 3 && response.statusCode() == 503; retry++) {
      Thread.sleep(2_000);
      response = send("POST", "/v1/checkout", body, headers);
    }
    return response;
  }

  static JsonNode json(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return Router.JSON.readTree(response.body());
  }

  static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .contains("application/problem+json");
    JsonNode problem = Router.JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("type").asString()).startsWith("https://");
    assertThat(response.body())
        .doesNotContain("\"errors\"")
        .doesNotContain("locations")
        .doesNotContain("127.0.0.1");
  }

  @Test
  void catalogScreensAreCompactAndCacheable() {
    var home = get("/v1/home", Map.of());
    JsonNode screen = json(home, 200);
    assertThat(screen.path("categories").size()).isPositive();
    JsonNode featured = screen.path("featured").get(0);
    assertThat(featured.at("/price/formatted").asString()).startsWith("$");
    assertThat(home.headers().firstValue("cache-control").orElse("")).contains("max-age");
    String etag = home.headers().firstValue("etag").orElseThrow();
    assertThat(get("/v1/home", Map.of("if-none-match", etag)).statusCode()).isEqualTo(304);

    JsonNode page = json(get("/v1/products?limit=5&sort=price_asc&q=chair", Map.of()), 200);
    assertThat(page.path("items").size()).isBetween(1, 5);
    assertThat(page.has("data")).isFalse();
    String next = page.path("nextCursor").asString();
    JsonNode second =
        json(get("/v1/products?limit=5&sort=price_asc&q=chair&cursor=" + next, Map.of()), 200);
    assertThat(second.path("items").get(0).path("id").asString())
        .isNotEqualTo(page.path("items").get(0).path("id").asString());
    assertProblem(get("/v1/products?limit=0", Map.of()), 400);

    JsonNode detail = json(get("/v1/products/42", Map.of("accept-language", "de-DE")), 200);
    assertThat(detail.path("name").asString()).isNotBlank();
    assertThat(detail.at("/price/formatted").asString()).contains(",");
    assertThat(detail.at("/reviews/latest").size()).isLessThanOrEqualTo(3);
    assertThat(detail.at("/stock/inStock").isBoolean()).isTrue();
    assertProblem(get("/v1/products/99999999", Map.of()), 404);
  }

  @Test
  void aShopperFillsTheCartChecksOutAndSeesTheOrder() throws InterruptedException {
    var auth = signedIn(SHOPPER);
    Commerce.fillCart(SHOPPER, "19", 1);
    send("DELETE", "/v1/cart/items/19", "", auth);
    assertProblem(get("/v1/cart", Map.of()), 401);

    JsonNode added =
        json(send("POST", "/v1/cart/items", "{\"productId\":\"19\",\"quantity\":2}", auth), 200);
    assertThat(added.toString()).contains("\"19\"");
    json(send("PATCH", "/v1/cart/items/19", "{\"quantity\":3}", auth), 200);
    JsonNode cart = json(get("/v1/cart", auth), 200);
    assertThat(cart.toString()).contains("\"quantity\":3");
    assertThat(get("/v1/cart", auth).headers().firstValue("cache-control").orElse(""))
        .contains("no-store");
    assertProblem(send("PATCH", "/v1/cart/items/20", "{\"quantity\":1}", auth), 404);

    String address =
        "{\"shippingAddress\":{\"name\":\"Ada\",\"line1\":\"1 Main St\",\"postalCode\":\"10115\",\"city\":\"Berlin\",\"country\":\"DE\"}}";
    assertProblem(send("POST", "/v1/checkout", address, auth), 400); // no Idempotency-Key
    Map<String, String> withKey = new HashMap<>(auth);
    withKey.put("idempotency-key", Commerce.newKey());
    JsonNode order = json(checkoutAsTheAppDoes(address, withKey), 200);
    String orderId = order.path("id").asString();
    assertThat(json(send("POST", "/v1/checkout", address, withKey), 200).path("id").asString())
        .isEqualTo(orderId);
    assertProblem(send("POST", "/v1/checkout", address.replace("Berlin", "Paris"), withKey), 409);

    Commerce.awaitFinal(SHOPPER, orderId, Duration.ofSeconds(60));
    JsonNode orders = json(get("/v1/orders", auth), 200);
    assertThat(orders.toString()).contains(orderId);
    JsonNode detail = json(get("/v1/orders/" + orderId, auth), 200);
    assertThat(detail.path("id").asString()).isEqualTo(orderId);
    assertProblem(get("/v1/orders/" + orderId, signedIn("886")), 404);

    json(send("POST", "/v1/cart/items", "{\"productId\":\"19\",\"quantity\":1}", auth), 200);
    assertThat(send("DELETE", "/v1/cart/items/19", "", auth).statusCode()).isEqualTo(200);
  }

  @Test
  void withTheRouterDownCatalogScreensComeFromTheCacheAndTheRestFailsFast() throws Exception {
    json(get("/v1/home", Map.of()), 200);
    json(get("/v1/products/43", Map.of()), 200);
    var auth = signedIn("887");
    Commerce.stop("router");
    try {
      var home = get("/v1/home", Map.of());
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.headers().firstValue("x-cache").orElse("")).isIn("HIT", "STALE");
      assertThat(get("/v1/products/43", Map.of()).statusCode()).isEqualTo(200);

      long started = System.nanoTime();
      var cart = get("/v1/cart", auth);
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertProblem(cart, 503);
      assertThat(millis).as("ms until the 503").isLessThan(5_000);
      String address =
          "{\"shippingAddress\":{\"name\":\"Ada\",\"line1\":\"1 Main St\",\"postalCode\":\"1\",\"city\":\"B\",\"country\":\"DE\"}}";
      assertProblem(
          send(
              "POST",
              "/v1/checkout",
              address,
              Map.of(
                  "authorization",
                  auth.get("authorization"),
                  "idempotency-key",
                  Commerce.newKey())),
          503);
    } finally {
      Commerce.start("router");
    }
  }
}
