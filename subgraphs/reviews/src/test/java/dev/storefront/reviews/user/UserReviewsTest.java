package dev.storefront.reviews.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.service.database.SqlStatementCounter;
import dev.storefront.testsupport.Federation;
import dev.storefront.testsupport.SqlStatements;
import dev.storefront.testsupport.SubgraphTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

@SubgraphTest
class UserReviewsTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired SqlStatementCounter statements;
  @Autowired DatabaseClient database;

  static final String USERS =
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on User {"
          + " id reviews(first: 5) { edges { node { id author { id } } } pageInfo { hasNextPage } } } } }";

  static final String REVIEWS =
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on Review { id rating title author { id } product { id } } } }";

  @Test
  void everyDemoUserWroteReviewsAndSeesOnlyTheirOwn() {
    long authors =
        database
            .sql("SELECT count(DISTINCT author_id) FROM reviews")
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    assertThat(authors).isEqualTo(1000);
    var response =
        graphQl
            .document(USERS)
            .variable(
                "r",
                List.of(
                    Map.of("__typename", "User", "id", "12"),
                    Map.of("__typename", "User", "id", "77777")))
            .execute();
    response
        .path("_entities[0].reviews.edges[*].node.author.id")
        .entityList(String.class)
        .satisfies(ids -> assertThat(ids).hasSize(5).containsOnly("12"));
    response.path("_entities[1].reviews.edges").entityList(Object.class).hasSize(0);
  }

  @Test
  void resolvesReviewReferencesWithAuthorAndProduct() {
    var expected =
        database
            .sql("SELECT author_id, product_id FROM reviews WHERE id = 500")
            .map(row -> List.of(row.get(0, Long.class), row.get(1, Long.class)))
            .one()
            .block();
    var response =
        graphQl
            .document(REVIEWS)
            .variable(
                "r",
                List.of(
                    Map.of("__typename", "Review", "id", "500"),
                    Map.of("__typename", "Review", "id", "9999999")))
            .execute();
    response
        .path("_entities[0].author.id")
        .entity(String.class)
        .isEqualTo(String.valueOf(expected.get(0)));
    response
        .path("_entities[0].product.id")
        .entity(String.class)
        .isEqualTo(String.valueOf(expected.get(1)));
    response.path("_entities[1]").valueIsNull();
  }

  @Test
  void statementsDoNotGrowWithTheNumberOfUsers() {
    assertThat(statementsFor(10)).isEqualTo(1);
    assertThat(statementsFor(100)).isEqualTo(1);
  }

  @Test
  void publishesItsFederationSchema() {
    Federation.assertServesEntities(graphQl, "Review", "Product", "User");
  }

  private long statementsFor(int count) {
    var representations = Federation.representations("User", count, i -> i * 7);
    return SqlStatements.countDuring(
        statements,
        () ->
            graphQl
                .document(USERS)
                .variable("r", representations)
                .execute()
                .path("_entities[*].id")
                .entityList(String.class)
                .hasSize(count));
  }
}
