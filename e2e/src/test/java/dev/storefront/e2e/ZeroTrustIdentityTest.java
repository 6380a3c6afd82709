package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * An attacker inside the network calls the subgraphs directly: under any spelling of the path, with
 * forged identity headers, with and without the router's credential, with a token of their own
 * making. Each subgraph is asked for its own protected data; the attacker gets none of it. Through
 * the router a real user is still served.
 */
class ZeroTrustIdentityTest {

  /** Spellings that once reached GraphQL past a prefix check on the raw path, and relatives. */
  static final List<String> SPELLINGS =
      List.of(
          "/graphql",
          "/gr%61phql",
          "/graphql/",
          "//graphql",
          "/GRAPHQL",
          "/graphql;a",
          "/graphql/..;/graphql",
          "/graphql%2F",
          "/%67raphql");

  static final Map<String, String> FORGED = Map.of("x-user-id", "1", "x-user-scopes", "admin");

  /** Each subgraph and a request for data only a signed-in user or an administrator may see. */
  static Stream<Arguments> protectedData() {
    return Stream.of(
        Arguments.of(4001, "{ users(first: 2) { edges { node { email } } } }", "/users"),
        Arguments.of(
            4002, "mutation { updateProduct(id: \"1\", input: {}) { id } }", "/updateProduct"),
        Arguments.of(
            4003,
            "{ _entities(representations: [{__typename: \"Product\", id: \"1\"}])"
                + " { ... on Product { onHandQuantity } } }",
            "/_entities/0/onHandQuantity"),
        Arguments.of(
            4005,
            "{ _entities(representations: [{__typename: \"User\", id: \"1\"}])"
                + " { ... on User { cart { totalQuantity } } } }",
            "/_entities/0/cart"),
        Arguments.of(
            4006,
            "{ _entities(representations: [{__typename: \"User\", id: \"1\"}])"
                + " { ... on User { orders(first: 1) { edges { node { id } } } } } }",
            "/_entities/0/orders"),
        Arguments.of(
            4007,
            "{ _entities(representations: [{__typename: \"Order\", id: \"1\"}])"
                + " { ... on Order { payment { status } } } }",
            "/_entities/0/payment"));
  }

  /** Every subgraph, reviews included (it has no protected data, but the same door). */
  static Stream<Arguments> everySubgraph() {
    return Stream.concat(
        protectedData().map(arguments -> Arguments.of(arguments.get()[0], arguments.get()[1])),
        Stream.of(Arguments.of(4004, "{ review(id: \"1\") { id rating } }")));
  }

  static HttpResponse<String> post(
      int port, String path, String query, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    all.put("accept", "application/json");
    return Router.send(
        URI.create("http://127.0.0.1:" + port + path),
        Router.JSON.writeValueAsString(Map.of("query", query)),
        all);
  }

  static Map<String, String> withSecret(Map<String, String> headers) throws Exception {
    Map<String, String> all = new HashMap<>(headers);
    all.put("X-Storefront-Router-Secret", SubgraphAccessTest.secret());
    return all;
  }

  static void assertRefused(HttpResponse<String> response, String what) {
    assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(401);
    JsonNode body = Router.JSON.readTree(response.body());
    assertThat(body.at("/errors/0/extensions/code").asString())
        .as(what)
        .isEqualTo("UNAUTHENTICATED");
    assertThat(body.has("data")).as(what + " carries no data").isFalse();
  }

  @ParameterizedTest(name = "port {0}")
  @MethodSource("everySubgraph")
  void withoutTheRoutersCredentialNoSpellingOfThePathGetsThrough(int port, String query) {
    for (String path : SPELLINGS) {
      assertRefused(post(port, path, query, FORGED), port + path);
    }
  }

  @ParameterizedTest(name = "port {0}")
  @MethodSource("protectedData")
  void withTheCredentialForgedIdentityHeadersGiveNothing(int port, String query, String field)
      throws Exception {
    var response = Router.response(post(port, "/graphql", query, withSecret(FORGED)));
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    JsonNode value = response.data().at(field);
    assertThat(value.isMissingNode() || value.isNull()).as(response.raw()).isTrue();
    assertThat(response.errors().findValuesAsString("code"))
        .as(response.raw())
        .isNotEmpty()
        .allMatch(code -> code.equals("UNAUTHENTICATED") || code.equals("FORBIDDEN"));
  }

  @ParameterizedTest(name = "port {0}")
  @MethodSource("everySubgraph")
  void withTheCredentialATokenOfTheAttackersMakingIs401(int port, String query) throws Exception {
    // The kid accounts signs with now, so only the signature can tell the forgery apart.
    var key = new RSAKeyGenerator(2048).keyID(Tokens.publishedKids().getFirst()).generate();
    String forged =
        Tokens.sign(
            new Tokens.SigningKey(key.getKeyID(), key.toPrivateKey()),
            Tokens.claims("1", "admin", Instant.now().plusSeconds(600)).build());
    Map<String, String> headers = new HashMap<>(FORGED);
    headers.put("authorization", "Bearer " + forged);
    var response = post(port, "/graphql", query, withSecret(headers));
    assertRefused(response, "port " + port);
    assertThat(response.headers().firstValue("www-authenticate"))
        .hasValueSatisfying(
            value -> assertThat(value).startsWith("Bearer error=\"invalid_token\""));
  }

  @ParameterizedTest(name = "port {0}")
  @MethodSource("everySubgraph")
  void onlyHealthMetricsAndTheServicesOwnPublicPathsAreOpen(int port, String query) {
    for (String open : List.of("/actuator/health/readiness", "/actuator/prometheus")) {
      var response =
          Router.exchange(
              java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + open))
                  .build());
      assertThat(response.statusCode()).as(port + open).isEqualTo(200);
    }
    for (String closed : List.of("/actuator/%68ealth", "/actuator/env", "/actuator/health/")) {
      assertRefused(post(port, closed, query, FORGED), port + closed);
    }
  }

  @Test
  void theJwksAndTheProcessorsWebhookNeedNoRouterCredential() {
    assertThat(Tokens.publishedKids()).isNotEmpty();
    // No signature: the webhook's own check refuses it (400), not the router check (401).
    var webhook =
        Router.send(URI.create("http://127.0.0.1:4007/webhooks/card-processor"), "{}", Map.of());
    assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(400);
  }

  @Test
  void withTheCredentialAndARealTokenASubgraphServesThatUserOnly() throws Exception {
    String shopper = "951";
    var me =
        Router.response(
            post(4001, "/graphql", "{ me { id } }", withSecret(Accounts.bearer(shopper))));
    assertThat(me.errors().isMissingNode()).as(me.raw()).isTrue();
    assertThat(me.data().at("/me/id").asString()).isEqualTo(shopper);

    var users =
        Router.response(
            post(
                4001,
                "/graphql",
                "{ users(first: 2) { edges { node { email } } } }",
                withSecret(Accounts.bearer(shopper))));
    assertThat(users.errors().findValuesAsString("code")).contains("FORBIDDEN");
  }

  @Test
  void throughTheRouterARealUserIsStillServed() {
    var admin =
        Router.post(
            "{ users(first: 2) { edges { node { email } } }"
                + " product(id: \"1\") { onHandQuantity reservedQuantity } }",
            Map.of(),
            Accounts.bearer(Accounts.ADMIN));
    JsonNode data = Commerce.ok(admin);
    assertThat(data.at("/users/edges/0/node/email").asString()).contains("@");
    assertThat(data.at("/product/onHandQuantity").isInt()).as(admin.raw()).isTrue();

    String shopper = "952";
    var own =
        Router.post(
            "{ me { id cart { totalQuantity } orders(first: 1) { edges { node { id } } } } }",
            Map.of(),
            Accounts.bearer(shopper));
    JsonNode me = Commerce.ok(own).path("me");
    assertThat(me.path("id").asString()).isEqualTo(shopper);
    assertThat(me.at("/cart/totalQuantity").isInt()).as(own.raw()).isTrue();
    assertThat(me.at("/orders/edges").isArray()).as(own.raw()).isTrue();
  }
}
