package dev.storefront.e2e;

import static dev.storefront.e2e.JsonNodes.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what: anonymous shoppers browse the catalog and reviews; carts, orders, payments and
 * {@code me} need a signed-in user, who only ever sees their own; stock administration needs the
 * admin scope. Checked at the router and, for requests that bypass its rules, in the subgraphs.
 */
class AuthorizationTest {

  @Test
  void anonymousShoppersBrowseTheCatalogAndReviews() {
    var page =
        Router.post(
            "{ products(first: 3) { edges { node { name price { amount } inStock availableQuantity"
                + " reviews(first: 2) { edges { node { rating author { displayName } } } } } } }"
                + " category(slug: \"garden-pro\") { name } }");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.errors().isMissingNode()).as(page.raw()).isTrue();
    assertThat(page.data().at("/products/edges").size()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "me                 | { me { id } }",
        "someone's cart     | { user(id: \"5\") { cart { totalQuantity } } }",
        "add to cart        | mutation { addToCart(productId: \"3\") { totalQuantity } }",
        "order              | { order(id: \"1\") { id status } }",
        "someone's orders   | { user(id: \"5\") { orders { edges { node { id } } } } }",
        "checkout           | mutation { checkout(input: {idempotencyKey: \"k\", shippingAddress: {name: \"a\", line1: \"b\", postalCode: \"c\", city: \"d\", country: \"DE\"}}) { id } }",
        "address book       | mutation { addAddress(input: {name: \"a\", line1: \"b\", postalCode: \"c\", city: \"d\", country: \"DE\"}) { id } }",
      })
  void needsASignedInUser(String name, String query) {
    var response = Router.post(query);
    assertThat(response.status()).as(response.raw()).isLessThan(500);
    assertThat(code(response)).as(response.raw()).isEqualTo("UNAUTHENTICATED");
    assertThat(response.raw()).doesNotContain("\"totalQuantity\":").doesNotContain("\"status\":\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "set stock      | mutation { setStockLevel(productId: \"11\", onHand: 5) { id } }",
        "stock figures  | { product(id: \"11\") { name onHandQuantity reservedQuantity } }",
        "list all users | { users(first: 5) { edges { node { id email } } } }",
        "rotate keys    | mutation { rotateSigningKey { id } }",
        "update product | mutation { updateProduct(id: \"11\", input: {name: \"Hijacked\"}) { id } }",
      })
  void administrationNeedsTheAdminScope(String name, String query) {
    assertThat(code(Router.post(query))).isIn("UNAUTHENTICATED");
    var shopper = Commerce.as("874", query);
    assertThat(code(shopper)).as(shopper.raw()).isEqualTo("FORBIDDEN");
    assertThat(shopper.raw()).doesNotContain("@example.com");
  }

  @Test
  void administratorsManageStock() {
    var set =
        Commerce.as(
            Accounts.ADMIN,
            "mutation { setStockLevel(productId: \"11\", onHand: 37) { id onHandQuantity } }");
    assertThat(Commerce.ok(set).at("/setStockLevel/onHandQuantity").asInt()).isEqualTo(37);
  }

  @Test
  void aShopperSeesOnlyTheirOwnCartAndOrders() {
    Commerce.fillCart("875", "13", 1);
    var own = Commerce.as("875", "{ user(id: \"875\") { cart { totalQuantity } } }");
    assertThat(Commerce.ok(own).at("/user/cart/totalQuantity").asInt()).isEqualTo(1);
    var others = Commerce.as("876", "{ user(id: \"875\") { cart { totalQuantity } } }");
    assertThat(code(others)).isEqualTo("NOT_FOUND");
    assertThat(others.raw()).doesNotContain("totalQuantity\":1");
    var othersOrders =
        Commerce.as("876", "{ user(id: \"875\") { orders { edges { node { id } } } } }");
    assertThat(code(othersOrders)).isEqualTo("NOT_FOUND");
  }

  // ---- the same rules when the router is bypassed (with the router's secret, as a compromised
  // ---- or misconfigured caller inside the network would have it, and a real user's token: the
  // ---- subgraphs verify it themselves)

  @Test
  void subgraphsEnforceSignInThemselves() throws Exception {
    var cart = direct(4005, "mutation { clearCart { totalQuantity } }", Map.of());
    assertThat(code(cart)).isEqualTo("UNAUTHENTICATED");
    var me = direct(4001, "{ me { id } }", Map.of());
    assertThat(code(me)).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void subgraphsEnforceScopesAndOwnershipThemselves() throws Exception {
    var stock =
        direct(
            4003,
            "mutation { setStockLevel(productId: \"11\", onHand: 5) { id } }",
            Accounts.bearer("877"));
    assertThat(code(stock)).isEqualTo("FORBIDDEN");
    var users =
        direct(4001, "{ users(first: 2) { edges { node { email } } } }", Accounts.bearer("877"));
    assertThat(code(users)).isEqualTo("FORBIDDEN");
    Commerce.fillCart("878", "13", 2);
    var othersCart =
        direct(
            4005,
            "{ _entities(representations: [{__typename: \"User\", id: \"878\"}]) { ... on User { cart { totalQuantity } } } }",
            Accounts.bearer("877"));
    assertThat(code(othersCart)).isEqualTo("NOT_FOUND");
  }

  @Test
  void identityHeadersWithoutTheRoutersSecretAreRefused() {
    var response =
        Router.send(
            URI.create("http://127.0.0.1:4005/graphql"),
            "{\"query\":\"{ _entities(representations: [{__typename: \\\"User\\\", id: \\\"878\\\"}]) { ... on User { cart { totalQuantity } } } }\"}",
            Map.of("X-User-Id", "878", "X-User-Scopes", "admin"));
    assertThat(response.statusCode()).isEqualTo(401);
  }

  static Router.Response direct(int port, String query, Map<String, String> headers)
      throws Exception {
    Map<String, String> all = new HashMap<>(headers);
    all.put("X-Storefront-Router-Secret", SubgraphAccessTest.secret());
    all.put("accept", "application/json");
    var response =
        Router.send(
            URI.create("http://127.0.0.1:" + port + "/graphql"),
            Router.JSON.writeValueAsString(Map.of("query", query)),
            all);
    JsonNode body = Router.JSON.readTree(response.body());
    return new Router.Response(response.statusCode(), body, response.body());
  }
}
