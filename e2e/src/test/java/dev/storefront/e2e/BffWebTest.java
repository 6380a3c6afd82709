package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The browser app's view of bff-web on the running platform: a cookie session instead of tokens,
 * persisted operations by id, CSRF protection, the order-status stream, logout.
 */
class BffWebTest {

  static final URI BFF =
      URI.create(System.getProperty("storefront.bff-web.url", "http://127.0.0.1:8080"));
  static final String SHOPPER = "881";
  static Map<String, String> ids;

  /** The web app's build knows its ids; the test reads the manifest bff-web registered. */
  @BeforeAll
  static void operationIds() {
    ids = PersistedOperations.registeredIds("bff-web");
    assertThat(ids).containsKeys("Me", "AddToCart", "Checkout", "Order");
  }

  record Session(String cookie, String csrf, JsonNode user) {}

  static Session login(String userId) {
    String email = Accounts.demoEmail(userId);
    var response =
        Router.send(
            BFF.resolve("/auth/login"),
            Router.JSON.writeValueAsString(
                Map.of("email", email, "password", Accounts.DEMO_PASSWORD)),
            Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("__Host-storefront_session=")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("Secure")
        .containsIgnoringCase("SameSite=Strict");
    // The browser never sees a token.
    assertThat(response.body()).doesNotContain("eyJ").doesNotContainIgnoringCase("refreshToken");
    JsonNode body = Router.JSON.readTree(response.body());
    return new Session(
        setCookie.substring(0, setCookie.indexOf(';')),
        body.path("csrfToken").asString(),
        body.path("user"));
  }

  static HttpResponse<String> graphql(
      Session session, String operation, Map<String, Object> variables, boolean withCsrf) {
    Map<String, String> headers = new HashMap<>();
    if (session != null) {
      headers.put("cookie", session.cookie());
      if (withCsrf) {
        headers.put("x-csrf-token", session.csrf());
      }
    }
    String body =
        Router.JSON.writeValueAsString(
            Map.of(
                "extensions",
                Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", ids.get(operation))),
                "variables",
                variables));
    return Router.send(BFF.resolve("/graphql"), body, headers);
  }

  /** The Checkout mutation's input: a new idempotency key, a Berlin address for {@code name}. */
  static Map<String, Object> checkoutInput(String name) {
    return Map.of(
        "idempotencyKey",
        Commerce.newKey(),
        "shippingAddress",
        Map.of(
            "name",
            name,
            "line1",
            "1 Main St",
            "postalCode",
            "10115",
            "city",
            "Berlin",
            "country",
            "DE"));
  }

  /** A POST the signed-in browser makes: its cookie and CSRF token, plus {@code extra}. */
  static HttpResponse<String> postInSession(
      Session session, String path, String json, Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(extra);
    headers.put("cookie", session.cookie());
    headers.put("x-csrf-token", session.csrf());
    return Router.send(BFF.resolve(path), json, headers);
  }

  static JsonNode data(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = Router.JSON.readTree(response.body());
    assertThat(body.path("errors").isMissingNode()).as(response.body()).isTrue();
    return body.path("data");
  }

  @Test
  void aSignedInBrowserShopsThroughPersistedOperations() throws Exception {
    Session session = login(SHOPPER);
    assertThat(session.user().path("id").asString()).isEqualTo(SHOPPER);

    assertThat(data(graphql(session, "Me", Map.of(), true)).at("/me/id").asString())
        .isEqualTo(SHOPPER);

    Commerce.fillCart(SHOPPER, "17", 1); // empties the cart first
    var added = data(graphql(session, "AddToCart", Map.of("productId", "17", "quantity", 1), true));
    assertThat(added.at("/addToCart/totalQuantity").asInt()).isEqualTo(2);

    Map<String, Object> input = checkoutInput("Ada");
    String orderId =
        data(graphql(session, "Checkout", Map.of("input", input), true))
            .at("/checkout/id")
            .asString();

    List<String> statuses = statusStream(session, orderId);
    assertThat(statuses).isNotEmpty();
    assertThat(statuses.getLast()).isIn(Commerce.FINAL);

    var order = data(graphql(session, "Order", Map.of("id", orderId), true));
    assertThat(order.at("/order/id").asString()).isEqualTo(orderId);
  }

  @Test
  void stateChangingRequestsNeedTheCsrfTokenAndAnAllowedOrigin() {
    Session session = login("882");
    var withoutToken = graphql(session, "Me", Map.of(), false);
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(withoutToken.headers().firstValue("content-type").orElse(""))
        .contains("problem+json");

    var foreign =
        postInSession(
            session,
            "/graphql",
            "{\"documentId\":\"" + ids.get("Me") + "\"}",
            Map.of("origin", "https://evil.example"));
    assertThat(foreign.statusCode()).isEqualTo(403);
  }

  @Test
  void onlyPersistedOperationsRun() {
    Session session = login("883");
    var text =
        postInSession(
            session,
            "/graphql",
            "{\"query\":\"{ users(first: 100) { edges { node { email } } } }\"}",
            Map.of());
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(text.body()).doesNotContain("@example.com");

    var unknown =
        postInSession(session, "/graphql", "{\"documentId\":\"" + "0".repeat(64) + "\"}", Map.of());
    assertThat(unknown.body()).contains("PERSISTED_QUERY_NOT_FOUND");
  }

  @Test
  void logoutEndsTheSession() {
    Session session = login("884");
    var logout = postInSession(session, "/auth/logout", "{}", Map.of());
    assertThat(logout.statusCode()).isEqualTo(204);
    var after = graphql(session, "Me", Map.of(), true);
    assertThat(after.statusCode()).isEqualTo(401);
    var wrongPassword =
        Router.send(
            BFF.resolve("/auth/login"),
            "{\"email\":\"" + Accounts.demoEmail("884") + "\",\"password\":\"not it at all\"}",
            Map.of("x-forwarded-for", "192.0.2.200"));
    assertThat(wrongPassword.statusCode()).isIn(401, 429);
    assertThat(wrongPassword.headers().firstValue("content-type").orElse(""))
        .contains("problem+json");
  }

  static List<String> statusStream(Session session, String orderId) throws Exception {
    var request =
        HttpRequest.newBuilder(BFF.resolve("/orders/" + orderId + "/status-stream"))
            .timeout(Duration.ofSeconds(90))
            .header("accept", "text/event-stream")
            .header("cookie", session.cookie())
            .GET()
            .build();
    var response = Router.HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    return response
        .body()
        .filter(line -> line.startsWith("data:"))
        .map(line -> Router.JSON.readTree(line.substring(5)).path("status").asString(""))
        .filter(status -> !status.isEmpty())
        .toList();
  }
}
