package dev.storefront.catalog.product;

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
import org.springframework.test.web.reactive.server.WebTestClient;

@SubgraphTest
class ProductFederationTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired WebTestClient web;
  @Autowired SqlStatementCounter statements;

  static final String ENTITIES =
      """
      query Entities($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Product { id name weightGrams price { amount } category { id name } }
          ... on Category { id slug products(first: 3) { edges { node { id } } } }
        }
      }
      """;

  @Test
  void resolvesProductAndCategoryReferencesInOrderWithNullForUnknownIds() {
    var representations =
        List.of(
            Map.of("__typename", "Product", "id", "42"),
            Map.of("__typename", "Product", "id", "424242"),
            Map.of("__typename", "Category", "id", "7"),
            Map.of("__typename", "Product", "id", "abc"));
    var response =
        graphQl.document(ENTITIES).variable("representations", representations).execute();
    response.path("_entities[0].id").entity(String.class).isEqualTo("42");
    response.path("_entities[1]").valueIsNull();
    response.path("_entities[2].slug").entity(String.class).isEqualTo("garden-pro");
    response.path("_entities[2].products.edges").entityList(Object.class).hasSize(3);
    response.path("_entities[3]").valueIsNull();
  }

  @Test
  void statementCountDoesNotGrowWithTheNumberOfProducts() {
    long forTen = countFor("Product", 10);
    long forHundred = countFor("Product", 100);
    assertThat(forTen).isPositive();
    assertThat(forHundred).isEqualTo(forTen);
  }

  @Test
  void statementCountDoesNotGrowWithTheNumberOfCategories() {
    long forTwo = countFor("Category", 2);
    long forFifty = countFor("Category", 50);
    assertThat(forFifty).isEqualTo(forTwo);
  }

  @Test
  void productListWithCategoriesRunsTheSameStatementsForTenAndHundred() {
    String query =
        "query($n: Int) { products(first: $n) { edges { node { id category { name } } } } }";
    long forTen =
        SqlStatements.countDuring(
            statements,
            () ->
                graphQl
                    .document(query)
                    .variable("n", 10)
                    .execute()
                    .path("products.edges")
                    .entityList(Object.class)
                    .hasSize(10));
    long forHundred =
        SqlStatements.countDuring(
            statements,
            () ->
                graphQl
                    .document(query)
                    .variable("n", 100)
                    .execute()
                    .path("products.edges")
                    .entityList(Object.class)
                    .hasSize(100));
    assertThat(forHundred).isEqualTo(forTen).isEqualTo(2);
  }

  private long countFor(String typename, int count) {
    var representations = Federation.representations(typename, count, i -> i * 37);
    return SqlStatements.countDuring(
        statements,
        () ->
            graphQl
                .document(ENTITIES)
                .variable("representations", representations)
                .execute()
                .path("_entities")
                .entityList(Object.class)
                .hasSize(count));
  }

  @Test
  void returnsFederatedTracingOnlyWhenTheRouterAsksForIt() {
    web.post()
        .uri("/graphql")
        .header("apollo-federation-include-trace", "ftv1")
        .bodyValue(Map.of("query", "{ product(id: \"1\") { name } }"))
        .exchange()
        .expectBody()
        .jsonPath("$.extensions.ftv1")
        .isNotEmpty();
    web.post()
        .uri("/graphql")
        .bodyValue(Map.of("query", "{ product(id: \"1\") { name } }"))
        .exchange()
        .expectBody()
        .jsonPath("$.extensions.ftv1")
        .doesNotExist();
  }

  @Test
  void publishesItsFederationSchema() {
    Federation.assertServesEntities(graphQl, "Product", "Category");
  }
}
