package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Queries through the router that need all four subgraphs to answer. */
class FederatedQueryTest {

  static final String STOREFRONT_PAGE =
      """
      query StorefrontPage($first: Int, $after: String) {
        products(first: $first, after: $after) {
          edges { node {
            id name price { amount currencyCode } inStock shippingEstimate { amount }
            averageRating
            reviews(first: 3) { edges { node { rating author { displayName } } } }
          } }
          pageInfo { hasNextPage endCursor }
        }
      }
      """;

  @Test
  void theProductPageJoinsCatalogInventoryReviewsAndAccounts() {
    var response = Router.post(STOREFRONT_PAGE, Map.of("first", 20));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.errors().isMissingNode()).as(response.raw()).isTrue();
    JsonNode edges = response.data().at("/products/edges");
    assertThat(edges.size()).isEqualTo(20);
    int withReviews = 0;
    for (JsonNode edge : edges) {
      JsonNode product = edge.path("node");
      assertThat(product.path("name").asString()).isNotBlank();
      assertThat(product.at("/price/amount").asString()).matches("\\d+\\.\\d{2}");
      assertThat(product.at("/price/currencyCode").asString()).isEqualTo("USD");
      assertThat(product.path("inStock").isBoolean()).isTrue();
      assertThat(product.at("/shippingEstimate/amount").asString()).matches("\\d+\\.\\d{2}");
      for (JsonNode review : product.at("/reviews/edges")) {
        withReviews++;
        assertThat(review.at("/node/rating").asInt()).isBetween(1, 5);
        assertThat(review.at("/node/author/displayName").asString()).isNotBlank();
      }
      if (!product.at("/reviews/edges").isEmpty()) {
        assertThat(product.path("averageRating").isNumber()).isTrue();
      }
    }
    assertThat(withReviews).as("reviews with authors from accounts").isPositive();
    assertThat(response.data().at("/products/pageInfo/hasNextPage").asBoolean()).isTrue();
  }

  @Test
  void pagingThroughTheRouterNeverRepeatsAProduct() {
    var seen = new HashSet<String>();
    String after = null;
    for (int page = 0; page < 3; page++) {
      var variables = new java.util.HashMap<String, Object>(Map.of("first", 30));
      if (after != null) {
        variables.put("after", after);
      }
      var response = Router.post(STOREFRONT_PAGE, variables);
      assertThat(response.errors().isMissingNode()).as(response.raw()).isTrue();
      for (JsonNode edge : response.data().at("/products/edges")) {
        assertThat(seen.add(edge.at("/node/id").asString())).isTrue();
      }
      after = response.data().at("/products/pageInfo/endCursor").asString();
    }
    assertThat(seen).hasSize(90);
  }

  @Test
  void aUsersReviewsLeadBackToCatalogProducts() {
    var response =
        Router.post(
            """
            { product(id: "42") { name category { name } availableQuantity reviewCount
                reviews(first: 2) { edges { node { author { id displayName
                  reviews(first: 2) { edges { node { product { id name price { amount } } } } } } } } } } }
            """);
    assertThat(response.errors().isMissingNode()).as(response.raw()).isTrue();
    JsonNode product = response.data().path("product");
    assertThat(product.at("/category/name").asString()).isNotBlank();
    assertThat(product.path("availableQuantity").asInt()).isGreaterThanOrEqualTo(0);
    assertThat(product.path("reviewCount").asInt()).isPositive();
    JsonNode authorsReviews = product.at("/reviews/edges/0/node/author/reviews/edges");
    assertThat(authorsReviews.size()).isPositive();
    assertThat(authorsReviews.at("/0/node/product/name").asString()).isNotBlank();
  }
}
