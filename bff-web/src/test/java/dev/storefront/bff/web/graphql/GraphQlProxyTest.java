package dev.storefront.bff.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.web.BffWebTest;
import dev.storefront.bff.web.StubRouter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.json.JsonCompareMode;
import tools.jackson.databind.JsonNode;

class GraphQlProxyTest extends BffWebTest {

  static final String CART =
      """
      {"data":{"me":{"id":"7","cart":{"items":[],"totalQuantity":0,"subtotal":null,\
      "updatedAt":"2026-11-25T08:00:00Z"}}}}\
      """;

  @Test
  void anApqHashRunsThatOperationWithTheSessionsTokenAndNeverSendsQueryText() {
    Browser browser = signIn();
    ROUTER.answer(id("Cart"), StubRouter.json(CART));

    graphql(browser, "Cart", Map.of())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json(CART, JsonCompareMode.STRICT);

    var call = ROUTER.calls(id("Cart")).getFirst();
    assertThat(call.header("authorization")).isEqualTo("Bearer " + browser.tokens().accessToken());
    assertThat(call.header("x-forwarded-for")).isEqualTo("127.0.0.1");
    assertThat(call.documentId()).isEqualTo(id("Cart"));
    assertThat(call.operationName()).isEqualTo("Cart");
    assertThat(call.body().has("query")).isFalse();
    assertThat(call.body().has("extensions")).isFalse();
  }

  @Test
  void aDocumentIdRunsThatOperationWithItsVariables() {
    Browser browser = signIn();
    String cart =
        """
        {"data":{"addToCart":{"items":[{"product":{"id":"42","name":"Compact Bamboo Shelf",\
        "inStock":true},"quantity":2,"unitPrice":{"amount":"332.98","currencyCode":"USD"},\
        "lineTotal":{"amount":"665.96","currencyCode":"USD"}}],"totalQuantity":2,\
        "subtotal":{"amount":"665.96","currencyCode":"USD"},"updatedAt":"2026-11-25T08:00:00Z"}}}\
        """;
    ROUTER.answer(id("AddToCart"), StubRouter.json(cart));

    graphql(browser)
        .bodyValue(byDocumentId("AddToCart", Map.of("productId", "42", "quantity", 2)))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.addToCart.totalQuantity")
        .isEqualTo(2);

    var call = ROUTER.calls(id("AddToCart")).getFirst();
    assertThat(call.header("authorization")).isEqualTo("Bearer " + browser.tokens().accessToken());
    assertThat(call.variables().path("productId").asString()).isEqualTo("42");
    assertThat(call.variables().path("quantity").asInt()).isEqualTo(2);
    assertThat(call.body().has("query")).isFalse();
  }

  @Test
  void withoutASessionTheOperationRunsAnonymously() {
    String page =
        "{\"data\":{\"categories\":[],\"products\":{\"edges\":[],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}}}";
    ROUTER.answer(id("StorefrontPage"), StubRouter.json(page));

    graphql(null, "StorefrontPage", Map.of("first", 24))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json(page);

    var call = ROUTER.calls(id("StorefrontPage")).getFirst();
    assertThat(call.header("authorization")).isNull();
    assertThat(call.variables().path("first").asInt()).isEqualTo(24);
  }

  @Test
  void theRoutersErrorsComeBackAsTheyAre() {
    Browser browser = signIn();
    String answer =
        """
        {"data":{"order":null},"errors":[{"message":"There is no such order.",\
        "path":["order"],"extensions":{"code":"NOT_FOUND"}}]}\
        """;
    ROUTER.answer(id("Order"), StubRouter.json(answer));

    graphql(browser, "Order", Map.of("id", "00000000-0000-0000-0000-000000000000"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json(answer, JsonCompareMode.STRICT);
  }

  @Test
  void aRequestTheRouterRateLimitedStaysA429WithRetryAfter() {
    Browser browser = signIn();
    String refused =
        """
        {"errors":[{"message":"Too many requests: try again in 7 s",\
        "extensions":{"code":"TOO_MANY_REQUESTS","retryAfterSeconds":7}}]}\
        """;
    ROUTER.answer(id("Cart"), StubRouter.json(429, refused));

    graphql(browser, "Cart", Map.of())
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .valueEquals("Retry-After", "7")
        .expectBody()
        .json(refused);
  }

  @Test
  void queryTextIsRefused() {
    Browser browser = signIn();
    expectProblem(
        graphql(browser).bodyValue(Map.of("query", "{ me { id email } }")).exchange(),
        HttpStatus.BAD_REQUEST,
        "BAD_REQUEST");

    // APQ's "register this query" form too.
    graphql(browser)
        .bodyValue(Map.of("query", "{ me { id email } }", "extensions", persistedQuery(id("Me"))))
        .exchange()
        .expectStatus()
        .isBadRequest();
    assertThat(ROUTER.calls()).allMatch(call -> "Login".equals(call.operationName()));
  }

  @Test
  void anUnknownIdIsPersistedQueryNotFound() {
    Browser browser = signIn();
    graphql(browser)
        .bodyValue(Map.of("extensions", persistedQuery("0".repeat(64))))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json(
            """
            {"errors":[{"message":"PersistedQueryNotFound",\
            "extensions":{"code":"PERSISTED_QUERY_NOT_FOUND"}}]}\
            """,
            JsonCompareMode.STRICT);
    assertThat(ROUTER.calls()).hasSize(1); // the sign-in only
  }

  @Test
  void theSignInOperationsAreNotForTheBrowser() {
    Browser browser = signIn();
    for (String internal : new String[] {"Login", "Refresh", "Logout"}) {
      graphql(browser)
          .bodyValue(
              byDocumentId(
                  internal,
                  Map.of("email", "ada@example.org", "password", "x", "refreshToken", "x")))
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.errors[0].extensions.code")
          .isEqualTo("PERSISTED_QUERY_NOT_FOUND")
          .jsonPath("$.data")
          .doesNotExist();
    }
    assertThat(ROUTER.calls()).hasSize(1); // the sign-in only
  }

  /** A body that names the operation by its {@code documentId}. */
  private Map<String, Object> byDocumentId(String operation, Map<String, Object> variables) {
    return Map.of("documentId", id(operation), "variables", variables);
  }

  @Test
  void aSubscriptionIsNotRunAsARequest() {
    Browser browser = signIn();
    graphql(browser, "OrderStatus", Map.of("orderId", "1"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody(JsonNode.class)
        .value(problem -> assertThat(problem.path("detail").asString()).contains("status-stream"));
  }
}
