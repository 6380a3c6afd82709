package dev.storefront.bff.mobile;

import static dev.storefront.bff.testing.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

class CartAndCheckoutTest extends MobileApiTest {

  static final String CART =
      """
      {"items":[{"product":{"id":"42","name":"Bamboo Mug"},"quantity":2,
        "unitPrice":{"amount":"24.99","currencyCode":"USD"},"lineTotal":{"amount":"49.98","currencyCode":"USD"}}],
       "totalQuantity":2,"subtotal":{"amount":"49.98","currencyCode":"USD"}}
      """;

  static final String ADDRESS =
      """
      {"shippingAddress":{"name":"Ada","line1":"1 Main St","postalCode":"10115","city":"Berlin","country":"DE"}}
      """;

  @Test
  void everyUserEndpointNeedsABearerToken() {
    record Call(HttpMethod method, String uri, String body) {}
    var calls =
        new Call[] {
          new Call(HttpMethod.GET, "/v1/cart", null),
          new Call(HttpMethod.POST, "/v1/cart/items", "{\"productId\":\"42\",\"quantity\":1}"),
          new Call(HttpMethod.PATCH, "/v1/cart/items/42", "{\"quantity\":3}"),
          new Call(HttpMethod.DELETE, "/v1/cart/items/42", null),
          new Call(HttpMethod.POST, "/v1/checkout", ADDRESS),
          new Call(HttpMethod.GET, "/v1/orders", null),
          new Call(HttpMethod.GET, "/v1/orders/o-1", null),
        };
    for (Call call : calls) {
      for (String authorization :
          new String[] {null, "Basic dXNlcjpwdw==", "Bearer ", "Bearer a b"}) {
        var request = web.method(call.method()).uri(call.uri());
        if (authorization != null) {
          request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        request.header("Idempotency-Key", "k-1");
        if (call.body() != null) {
          request.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body());
        }
        expectProblem(request.exchange(), 401)
            .expectHeader()
            .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
            .expectHeader()
            .valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store")
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(401)
            .jsonPath("$.code")
            .isEqualTo("UNAUTHENTICATED")
            .jsonPath("$.type")
            .isEqualTo("https://storefront.dev/problems/unauthenticated");
      }
    }
    assertThat(ROUTER.requests()).isEmpty();
  }

  @Test
  void theCartPassesTheTokenAndClientAddressThrough() {
    answer("Cart", "{\"me\":{\"cart\":" + CART + "}}");

    getAsUser("/v1/cart")
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .expectHeader()
        .doesNotExist(HttpHeaders.ETAG)
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(1)
        .jsonPath("$.items[0].productId")
        .isEqualTo("42")
        .jsonPath("$.items[0].name")
        .isEqualTo("Bamboo Mug")
        .jsonPath("$.items[0].quantity")
        .isEqualTo(2)
        .jsonPath("$.items[0].unitPrice.formatted")
        .isEqualTo("$24.99")
        .jsonPath("$.items[0].lineTotal.formatted")
        .isEqualTo("$49.98")
        .jsonPath("$.totalQuantity")
        .isEqualTo(2)
        .jsonPath("$.subtotal.amount")
        .isEqualTo("49.98")
        .jsonPath("$.me")
        .doesNotExist();

    var request = requestsFor("Cart").getFirst();
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertOnlyDocumentIds();
  }

  @Test
  void anEmptyCartHasNoSubtotal() {
    answer("Cart", "{\"me\":{\"cart\":{\"items\":[],\"totalQuantity\":0,\"subtotal\":null}}}");
    getAsUser("/v1/cart")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(0)
        .jsonPath("$.subtotal")
        .isEmpty();
  }

  @Test
  void anExpiredTokenIs401FromTheRouter() {
    fail("Cart", 401, "UNAUTHENTICATED", "Invalid or expired token");
    web.get()
        .uri("/v1/cart")
        .header(HttpHeaders.AUTHORIZATION, "Bearer expired")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("UNAUTHENTICATED")
        .jsonPath("$.detail")
        .isEqualTo("Invalid or expired token");
  }

  @Test
  void addingChangingAndRemovingLines() {
    answer("AddToCart", "{\"addToCart\":" + CART + "}");
    answer("UpdateCartItem", "{\"updateCartItem\":" + CART + "}");
    answer(
        "RemoveFromCart",
        "{\"removeFromCart\":{\"items\":[],\"totalQuantity\":0,\"subtotal\":null}}");

    sendAsUser(HttpMethod.POST, "/v1/cart/items", Map.of("productId", "42", "quantity", 2))
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .expectBody()
        .jsonPath("$.totalQuantity")
        .isEqualTo(2);
    var add = calls("AddToCart").getFirst().path("variables");
    assertThat(add.path("productId").asString()).isEqualTo("42");
    assertThat(add.path("quantity").asInt()).isEqualTo(2);

    sendAsUser(HttpMethod.PATCH, "/v1/cart/items/42", Map.of("quantity", 5))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[0].productId")
        .isEqualTo("42");
    var update = calls("UpdateCartItem").getFirst().path("variables");
    assertThat(update.path("productId").asString()).isEqualTo("42");
    assertThat(update.path("quantity").asInt()).isEqualTo(5);

    asUser(HttpMethod.DELETE, "/v1/cart/items/42")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(0);
    assertThat(calls("RemoveFromCart").getFirst().path("variables").path("productId").asString())
        .isEqualTo("42");
    assertOnlyDocumentIds();
  }

  @Test
  void badCartInputIs400AndALineNotInTheCartIs404() {
    for (String body :
        new String[] {
          "{\"quantity\":1}",
          "{\"productId\":\"42\",\"quantity\":0}",
          "{\"productId\":\"42\",\"quantity\":100}",
          "not json"
        }) {
      expectProblem(sendAsUser(HttpMethod.POST, "/v1/cart/items", body), 400)
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo(400);
    }
    sendAsUser(HttpMethod.PATCH, "/v1/cart/items/42", "{}").expectStatus().isBadRequest();
    assertThat(ROUTER.requests()).isEmpty();

    fail("UpdateCartItem", 200, "NOT_FOUND", "product 77 is not in the cart");
    expectProblem(
            sendAsUser(HttpMethod.PATCH, "/v1/cart/items/77", "{\"quantity\":1}"), 404, "NOT_FOUND")
        .jsonPath("$.detail")
        .isEqualTo("product 77 is not in the cart");

    fail("AddToCart", 200, "BAD_USER_INPUT", "a line never holds more than 99 units");
    sendAsUser(HttpMethod.POST, "/v1/cart/items", "{\"productId\":\"42\",\"quantity\":99}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("BAD_USER_INPUT");
  }

  @Test
  void checkoutNeedsAnIdempotencyKeyOfAtMost100Characters() {
    answer(
        "Checkout",
        "{\"checkout\":{\"id\":\"o-1\",\"status\":\"PENDING\",\"total\":{\"amount\":\"49.98\",\"currencyCode\":\"USD\"},\"createdAt\":\"2026-11-25T08:00:00Z\"}}");
    expectProblem(checkout(null, ADDRESS), 400, "BAD_REQUEST")
        .jsonPath("$.detail")
        .value(d -> assertThat(d.toString()).contains("Idempotency-Key"));
    checkout("k".repeat(101), ADDRESS)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(d -> assertThat(d.toString()).contains("100"));
    checkout("k-1", "{\"shippingAddress\":{\"name\":\"Ada\",\"line1\":\" \"}}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(d ->
            assertThat(d.toString())
                .contains("line1")
                .contains("postalCode")
                .contains("city")
                .contains("country"));
    assertThat(ROUTER.requests()).isEmpty();

    // Exactly 100 characters is fine.
    checkout("k".repeat(100), ADDRESS).expectStatus().isOk();
  }

  @Test
  void checkoutPlacesTheOrderAndARetryWithTheSameKeyGetsTheSameOrder() {
    answer(
        "Checkout",
        "{\"checkout\":{\"id\":\"o-1\",\"status\":\"PENDING\",\"total\":{\"amount\":\"49.98\",\"currencyCode\":\"USD\"},\"createdAt\":\"2026-11-25T08:00:00Z\"}}");

    for (int attempt = 0; attempt < 2; attempt++) {
      checkout("order-2026-11-25-a", ADDRESS)
          .expectStatus()
          .isOk()
          .expectHeader()
          .valueEquals(HttpHeaders.LOCATION, "/v1/orders/o-1")
          .expectHeader()
          .valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store")
          .expectBody()
          .jsonPath("$.id")
          .isEqualTo("o-1")
          .jsonPath("$.status")
          .isEqualTo("PENDING")
          .jsonPath("$.total.formatted")
          .isEqualTo("$49.98");
    }
    var calls = calls("Checkout");
    assertThat(calls).hasSize(2);
    for (var call : calls) {
      var input = call.path("variables").path("input");
      assertThat(input.path("idempotencyKey").asString()).isEqualTo("order-2026-11-25-a");
      assertThat(input.path("shippingAddress").path("city").asString()).isEqualTo("Berlin");
      assertThat(input.path("shippingAddress").has("line2")).isFalse();
    }
    assertThat(requestsFor("Checkout").getFirst().header("Authorization"))
        .isEqualTo("Bearer " + TOKEN);
    assertOnlyDocumentIds();
  }

  @Test
  void theSameKeyWithAnotherAddressIs409() {
    fail("Checkout", 200, "CONFLICT", "idempotency key k-1 was used with another address");
    expectProblem(checkout("k-1", ADDRESS), 409, "CONFLICT")
        .jsonPath("$.type")
        .isEqualTo("https://storefront.dev/problems/conflict")
        .jsonPath("$.detail")
        .isEqualTo("idempotency key k-1 was used with another address");
  }
}
