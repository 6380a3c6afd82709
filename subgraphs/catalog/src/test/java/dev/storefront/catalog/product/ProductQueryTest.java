package dev.storefront.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testsupport.GraphQlErrors;
import dev.storefront.testsupport.SubgraphTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@SubgraphTest
class ProductQueryTest {

  @Autowired HttpGraphQlTester graphQl;

  static final String PAGE =
      """
      query Page($first: Int, $after: String, $filter: ProductFilter, $sort: ProductSort) {
        products(first: $first, after: $after, filter: $filter, sort: $sort) {
          edges { cursor node { id name price { amount currencyCode } category { id } } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }
      """;

  @Test
  void firstPageHasTwentyProductsByDefaultAndSaysThereIsMore() {
    var response = graphQl.document(PAGE).execute();
    response.path("products.edges").entityList(Object.class).hasSize(20);
    response.path("products.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
    response.path("products.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(false);
  }

  @Test
  void walkingCursorsVisitsEachProductOnceInPriceOrder() {
    var seen = new HashSet<String>();
    var prices = new ArrayList<BigDecimal>();
    String after = null;
    for (int page = 0; page < 5; page++) {
      var response =
          graphQl
              .document(PAGE)
              .variable("first", 50)
              .variable("after", after)
              .variable("sort", "PRICE_ASC")
              .execute();
      List<Map<String, Object>> edges = response.path("products.edges").entity(List.class).get();
      assertThat(edges).hasSize(50);
      for (var edge : edges) {
        @SuppressWarnings("unchecked")
        var node = (Map<String, Object>) edge.get("node");
        assertThat(seen.add((String) node.get("id"))).as("product seen twice").isTrue();
        @SuppressWarnings("unchecked")
        var price = (Map<String, Object>) node.get("price");
        prices.add(new BigDecimal((String) price.get("amount")));
      }
      after = response.path("products.pageInfo.endCursor").entity(String.class).get();
    }
    assertThat(prices).isSortedAccordingTo(BigDecimal::compareTo);
    assertThat(seen).hasSize(250);
  }

  @Test
  void filtersBySearchTextPriceRangeAndCategory() {
    var response =
        graphQl
            .document(PAGE)
            .variable("first", 100)
            .variable(
                "filter",
                Map.of(
                    "search",
                    "oak chair",
                    "minPrice",
                    "100",
                    "maxPrice",
                    "300.50",
                    "categoryId",
                    "1"))
            .execute();
    List<Map<String, Object>> edges = response.path("products.edges").entity(List.class).get();
    assertThat(edges).isNotEmpty();
    for (var edge : edges) {
      @SuppressWarnings("unchecked")
      var node = (Map<String, Object>) edge.get("node");
      assertThat(((String) node.get("name")).toLowerCase()).contains("oak").contains("chair");
      @SuppressWarnings("unchecked")
      var price = new BigDecimal(((Map<String, String>) node.get("price")).get("amount"));
      assertThat(price).isBetween(new BigDecimal("100"), new BigDecimal("300.50"));
      @SuppressWarnings("unchecked")
      var category = (Map<String, Object>) node.get("category");
      assertThat(category.get("id")).isEqualTo("1");
    }
  }

  @Test
  void sqlMetacharactersInSearchAreJustText() {
    graphQl
        .document(PAGE)
        .variable("filter", Map.of("search", "'; DROP TABLE products; -- \" OR 1=1 \\"))
        .execute()
        .path("products.edges")
        .entityList(Object.class)
        .hasSize(0);
    graphQl.document(PAGE).execute().path("products.edges").entityList(Object.class).hasSize(20);
  }

  @Test
  void moneyIsADecimalStringWithTheCurrencysDigits() {
    graphQl
        .document("{ product(id: \"1\") { price { amount currencyCode } } }")
        .execute()
        .path("product.price.amount")
        .entity(String.class)
        .satisfies(amount -> assertThat(amount).matches("\\d+\\.\\d{2}"))
        .path("product.price.currencyCode")
        .entity(String.class)
        .isEqualTo("USD");
  }

  @Test
  void unknownOrMalformedIdsFindNothing() {
    graphQl
        .document("{ product(id: \"99999999\") { id } }")
        .execute()
        .path("product")
        .valueIsNull();
    graphQl.document("{ product(id: \"abc\") { id } }").execute().path("product").valueIsNull();
  }

  @Test
  void pageSizeOutsideZeroToHundredIsBadUserInput() {
    for (int first : new int[] {-1, 101, 100000}) {
      GraphQlErrors.expectBadUserInput(
          graphQl.document(PAGE).variable("first", first).execute(), "first");
    }
    graphQl
        .document(PAGE)
        .variable("first", 100)
        .execute()
        .path("products.edges")
        .entityList(Object.class)
        .hasSize(100);
  }

  @Test
  void malformedOrForeignCursorIsBadUserInput() {
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("after", "not a cursor!").execute(), "after");
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("after", "djFfTk9QRQ").execute(), "after");
    String nameCursor =
        graphQl
            .document(PAGE)
            .variable("first", 1)
            .execute()
            .path("products.pageInfo.endCursor")
            .entity(String.class)
            .get();
    GraphQlErrors.expectBadUserInput(
        graphQl
            .document(PAGE)
            .variable("after", nameCursor)
            .variable("sort", "PRICE_DESC")
            .execute(),
        "after");
  }

  @Test
  void badPriceFiltersAreBadUserInput() {
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("filter", Map.of("minPrice", "cheap")).execute(),
        "filter.minPrice");
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("filter", Map.of("minPrice", "-1")).execute(),
        "filter.minPrice");
    GraphQlErrors.expectBadUserInput(
        graphQl
            .document(PAGE)
            .variable("filter", Map.of("minPrice", "10", "maxPrice", "5"))
            .execute(),
        "filter");
  }

  @Test
  void outOfRangePricesAndPageSizesAreBadUserInputNamingTheArgument() {
    for (String price :
        new String[] {
          "1e999999999",
          "1E+3",
          "Infinity",
          "-Infinity",
          "NaN",
          "9".repeat(400),
          "0x10",
          "12345678901.00",
          "1.001",
          "-0.01"
        }) {
      GraphQlErrors.expectBadUserInput(
          graphQl.document(PAGE).variable("filter", Map.of("minPrice", price)).execute(),
          "filter.minPrice");
      GraphQlErrors.expectBadUserInput(
          graphQl.document(PAGE).variable("filter", Map.of("maxPrice", price)).execute(),
          "filter.maxPrice");
    }
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("filter", Map.of("categoryId", "9".repeat(400))).execute(),
        "filter.categoryId");
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("first", new BigInteger("9".repeat(400))).execute(),
        "first");
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("first", 2_147_483_648L).execute(), "first");
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("first", -1).execute(), "first");
    // The largest price the column holds still filters.
    graphQl
        .document(PAGE)
        .variable("filter", Map.of("minPrice", "9999999999.99"))
        .execute()
        .path("products.edges")
        .entityList(Object.class)
        .hasSize(0);
  }

  @Test
  void invalidDocumentsGetValidationOrParseCodesAndBadVariablesBadUserInput() {
    GraphQlErrors.expectCode(
        graphQl.document("{ products { nope } }").execute(), "GRAPHQL_VALIDATION_FAILED");
    GraphQlErrors.expectCode(
        graphQl.document("{ products(first: \"ten\") { edges { cursor } } }").execute(),
        "GRAPHQL_VALIDATION_FAILED");
    GraphQlErrors.expectCode(graphQl.document("{ products(").execute(), "GRAPHQL_PARSE_FAILED");
    GraphQlErrors.expectCode(
        graphQl.document(PAGE).variable("first", "ten").execute(), "BAD_USER_INPUT");
  }
}
