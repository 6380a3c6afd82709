package dev.storefront.reviews.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.service.database.SqlStatementCounter;
import dev.storefront.testsupport.Federation;
import dev.storefront.testsupport.GraphQlErrors;
import dev.storefront.testsupport.SqlStatements;
import dev.storefront.testsupport.SubgraphTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

@SubgraphTest
class ProductReviewsTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired SqlStatementCounter statements;
  @Autowired DatabaseClient database;

  static final String PRODUCTS =
      "query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on Product {"
          + " id averageRating reviewCount reviews(first: $first, after: $after) {"
          + " edges { cursor node { id rating createdAt author { id } product { id } } }"
          + " pageInfo { hasNextPage hasPreviousPage endCursor } } } } }";

  static List<Map<String, Object>> products(long... ids) {
    return java.util.Arrays.stream(ids)
        .mapToObj(id -> Map.<String, Object>of("__typename", "Product", "id", String.valueOf(id)))
        .toList();
  }

  @Test
  void walksAProductsReviewsNewestFirstWithoutRepeats() {
    long productId = 42;
    long total =
        database
            .sql("SELECT count(*) FROM reviews WHERE product_id = 42")
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    var dates = new ArrayList<OffsetDateTime>();
    var ids = new ArrayList<String>();
    String after = null;
    do {
      var response =
          graphQl
              .document(PRODUCTS)
              .variable("r", products(productId))
              .variable("first", 4)
              .variable("after", after)
              .execute();
      ids.addAll(
          response.path("_entities[0].reviews.edges[*].node.id").entityList(String.class).get());
      response
          .path("_entities[0].reviews.edges[*].node.createdAt")
          .entityList(String.class)
          .get()
          .forEach(d -> dates.add(OffsetDateTime.parse(d)));
      response
          .path("_entities[0].reviews.edges[*].node.product.id")
          .entityList(String.class)
          .satisfies(p -> assertThat(p).containsOnly("42"));
      boolean hasNext =
          response.path("_entities[0].reviews.pageInfo.hasNextPage").entity(Boolean.class).get();
      after =
          hasNext
              ? response.path("_entities[0].reviews.pageInfo.endCursor").entity(String.class).get()
              : null;
    } while (after != null);
    assertThat(ids).hasSize((int) total).doesNotHaveDuplicates();
    assertThat(dates).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void ratingSummaryMatchesTheReviews() {
    var expected =
        database
            .sql("SELECT count(*) AS n, avg(rating) AS a FROM reviews WHERE product_id = 7")
            .map(row -> Map.of("n", row.get("n", Long.class), "a", row.get("a", BigDecimal.class)))
            .one()
            .block();
    var response =
        graphQl.document(PRODUCTS).variable("r", products(7)).variable("first", 1).execute();
    response
        .path("_entities[0].reviewCount")
        .entity(Long.class)
        .isEqualTo((Long) expected.get("n"));
    response
        .path("_entities[0].averageRating")
        .entity(Double.class)
        .isEqualTo(
            ((BigDecimal) expected.get("a")).setScale(2, RoundingMode.HALF_UP).doubleValue());
  }

  @Test
  void aProductWithoutReviewsHasAnEmptyPageAndNoAverage() {
    var response = graphQl.document(PRODUCTS).variable("r", products(99_999_999)).execute();
    response.path("_entities[0].reviewCount").entity(Integer.class).isEqualTo(0);
    response.path("_entities[0].averageRating").valueIsNull();
    response.path("_entities[0].reviews.edges").entityList(Object.class).hasSize(0);
    response
        .path("_entities[0].reviews.pageInfo.hasNextPage")
        .entity(Boolean.class)
        .isEqualTo(false);
  }

  @Test
  void statementsDoNotGrowWithTheNumberOfProducts() {
    long forTen = statementsFor(10);
    long forHundred = statementsFor(100);
    assertThat(forTen).isEqualTo(2);
    assertThat(forHundred).isEqualTo(forTen);
  }

  @Test
  void badPageArgumentsAreBadUserInput() {
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PRODUCTS).variable("r", products(1)).variable("first", -1).execute(),
        "first");
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PRODUCTS).variable("r", products(1)).variable("first", 101).execute(),
        "first");
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PRODUCTS).variable("r", products(1)).variable("after", "bm9wZQ").execute(),
        "after");
  }

  @Test
  void unknownFieldIsAValidationError() {
    GraphQlErrors.expectCode(
        graphQl.document("{ review(id: \"1\") { stars } }").execute(), "GRAPHQL_VALIDATION_FAILED");
  }

  private long statementsFor(int count) {
    var representations = Federation.representations("Product", count, i -> i * 31);
    return SqlStatements.countDuring(
        statements,
        () ->
            graphQl
                .document(PRODUCTS)
                .variable("r", representations)
                .variable("first", 3)
                .execute()
                .path("_entities[*].reviewCount")
                .entityList(Integer.class)
                .hasSize(count));
  }
}
