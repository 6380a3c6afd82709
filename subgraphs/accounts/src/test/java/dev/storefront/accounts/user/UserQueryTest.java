package dev.storefront.accounts.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testsupport.GraphQlErrors;
import dev.storefront.testsupport.SubgraphTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@SubgraphTest
class UserQueryTest {

  @Autowired HttpGraphQlTester graphQl;

  static final String PAGE =
      "query($first: Int, $after: String) { users(first: $first, after: $after) {"
          + " edges { cursor node { id email displayName createdAt } }"
          + " pageInfo { hasNextPage hasPreviousPage endCursor } } }";

  @Test
  void findsAUserByIdAndNothingForUnknownOrMalformedIds() {
    graphQl
        .document("{ user(id: \"17\") { id email displayName } }")
        .execute()
        .path("user.id")
        .entity(String.class)
        .isEqualTo("17")
        .path("user.email")
        .entity(String.class)
        .satisfies(email -> assertThat(email).endsWith(".17@example.com"))
        .path("user.displayName")
        .entity(String.class)
        .satisfies(name -> assertThat(name).contains(" "));
    graphQl.document("{ user(id: \"999999\") { id } }").execute().path("user").valueIsNull();
    graphQl.document("{ user(id: \"x\") { id } }").execute().path("user").valueIsNull();
  }

  @Test
  void walksUsersInSignUpOrderWithoutRepeats() {
    var ids = new ArrayList<Long>();
    String after = null;
    for (int page = 0; page < 3; page++) {
      var response =
          graphQl.document(PAGE).variable("first", 40).variable("after", after).execute();
      response.path("users.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
      response.path("users.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(page > 0);
      List<String> pageIds = response.path("users.edges[*].node.id").entityList(String.class).get();
      pageIds.forEach(id -> ids.add(Long.parseLong(id)));
      after = response.path("users.pageInfo.endCursor").entity(String.class).get();
    }
    assertThat(ids).hasSize(120).doesNotHaveDuplicates().isSorted();
    assertThat(ids.getFirst()).isEqualTo(1L);
  }

  @Test
  void defaultPageIsTwenty() {
    graphQl.document(PAGE).execute().path("users.edges").entityList(Object.class).hasSize(20);
  }

  @Test
  void badPageArgumentsAreBadUserInput() {
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("first", -1).execute(), "first");
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("first", 101).execute(), "first");
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("after", "%%%").execute(), "after");
    GraphQlErrors.expectBadUserInput(
        graphQl.document(PAGE).variable("after", "djFfT1RIRVIfMQ").execute(), "after");
  }

  @Test
  void unknownFieldIsAValidationError() {
    GraphQlErrors.expectCode(
        graphQl.document("{ users { edges { node { password } } } }").execute(),
        "GRAPHQL_VALIDATION_FAILED");
  }
}
