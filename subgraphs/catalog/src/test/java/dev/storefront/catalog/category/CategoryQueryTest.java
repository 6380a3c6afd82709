package dev.storefront.catalog.category;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.service.database.SqlStatementCounter;
import dev.storefront.testsupport.GraphQlErrors;
import dev.storefront.testsupport.SqlStatements;
import dev.storefront.testsupport.SubgraphTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@SubgraphTest
class CategoryQueryTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired SqlStatementCounter statements;

  @Test
  void listsSixtyCategoriesByNameEachWithItsOwnProducts() {
    var response =
        graphQl
            .document(
                "{ categories { id name products(first: 2) { edges { node { category { id } } } pageInfo { hasNextPage } } } }")
            .execute();
    List<Map<String, Object>> categories = response.path("categories").entity(List.class).get();
    assertThat(categories).hasSize(60);
    assertThat(categories.stream().map(c -> (String) c.get("name")).toList()).isSorted();
    response
        .path("categories[*].products.edges[*].node.category.id")
        .entityList(String.class)
        .hasSize(120);
    for (var category : categories) {
      @SuppressWarnings("unchecked")
      var edges =
          (List<Map<String, Map<String, Map<String, String>>>>)
              ((Map<String, Object>) category.get("products")).get("edges");
      assertThat(edges)
          .allSatisfy(edge ->
              assertThat(edge.get("node").get("category").get("id")).isEqualTo(category.get("id")));
    }
  }

  @Test
  void listingCategoriesWithProductsIsTwoStatements() {
    long count =
        SqlStatements.countDuring(
            statements,
            () ->
                graphQl
                    .document("{ categories { products(first: 5) { edges { node { id } } } } }")
                    .execute()
                    .path("categories")
                    .entityList(Object.class)
                    .hasSize(60));
    assertThat(count).isEqualTo(2);
  }

  @Test
  void findsACategoryBySlugOrIdAndPagesItsProducts() {
    var first =
        graphQl
            .document(
                "{ category(slug: \"garden-pro\") { id name products(first: 5, sort: PRICE_ASC) { pageInfo { endCursor } } } }")
            .execute();
    first.path("category.name").entity(String.class).isEqualTo("Garden Pro");
    String id = first.path("category.id").entity(String.class).get();
    String cursor = first.path("category.products.pageInfo.endCursor").entity(String.class).get();
    graphQl
        .document(
            "query($id: ID, $after: String) { category(id: $id) { products(first: 5, after: $after, sort: PRICE_ASC) { edges { node { id } } pageInfo { hasPreviousPage } } } }")
        .variable("id", id)
        .variable("after", cursor)
        .execute()
        .path("category.products.edges")
        .entityList(Object.class)
        .hasSize(5)
        .path("category.products.pageInfo.hasPreviousPage")
        .entity(Boolean.class)
        .isEqualTo(true);
  }

  @Test
  void unknownSlugIsNullAndAmbiguousLookupIsBadUserInput() {
    graphQl
        .document("{ category(slug: \"no-such-thing\") { id } }")
        .execute()
        .path("category")
        .valueIsNull();
    GraphQlErrors.expectCode(
        graphQl.document("{ category(id: \"1\", slug: \"garden-pro\") { id } }").execute(),
        "BAD_USER_INPUT");
    GraphQlErrors.expectCode(graphQl.document("{ category { id } }").execute(), "BAD_USER_INPUT");
  }
}
