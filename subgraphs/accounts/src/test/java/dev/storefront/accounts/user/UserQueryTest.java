package dev.storefront.accounts.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.accounts.TestUsers;
import dev.storefront.testsupport.GraphQlErrors;
import dev.storefront.testsupport.SubgraphTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@SubgraphTest
class UserQueryTest {

  @Autowired HttpGraphQlTester graphQl;

  static final String PAGE =
      "query($first: Int, $after: String) { users(first: $first, after: $after) {"
          + " edges { cursor node { id email displayName createdAt } }"
          + " pageInfo { hasNextPage hasPreviousPage endCursor } } }";

  static final String USER_17 = "{ user(id: \"17\") { id email displayName createdAt } }";

  @Test
  void anyoneFindsAPublicProfileByIdAndNothingForUnknownOrMalformedIds() {
    var response = graphQl.document(USER_17).execute();
    response.path("user.id").entity(String.class).isEqualTo("17");
    response
        .path("user.displayName")
        .entity(String.class)
        .satisfies(name -> assertThat(name).contains(" "));
    response.path("user.createdAt").hasValue();
    graphQl.document("{ user(id: \"999999\") { id } }").execute().path("user").valueIsNull();
    graphQl.document("{ user(id: \"x\") { id } }").execute().path("user").valueIsNull();
  }

  @Test
  void anEmailIsSeenByItsUserAndAdministratorsOnly() {
    emailOf(graphQl).valueIsNull();
    emailOf(TestUsers.as(graphQl, "18")).valueIsNull();
    emailOf(TestUsers.as(graphQl, "18", "orders")).valueIsNull();
    emailOf(TestUsers.as(graphQl, "17"))
        .entity(String.class)
        .satisfies(email -> assertThat(email).endsWith(".17@example.com"));
    emailOf(TestUsers.admin(graphQl))
        .entity(String.class)
        .satisfies(email -> assertThat(email).endsWith(".17@example.com"));
  }

  @Test
  void onlyAdministratorsListUsers() {
    GraphQlErrors.expectCode(graphQl.document(PAGE).execute(), "UNAUTHENTICATED");
    GraphQlErrors.expectCode(TestUsers.as(graphQl, "17").document(PAGE).execute(), "FORBIDDEN");
  }

  @Test
  void walksUsersInSignUpOrderWithoutRepeats() {
    var admin = TestUsers.admin(graphQl);
    var ids = new ArrayList<Long>();
    String after = null;
    for (int page = 0; page < 3; page++) {
      var response = admin.document(PAGE).variable("first", 40).variable("after", after).execute();
      response.path("users.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
      response.path("users.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(page > 0);
      List<String> pageIds = response.path("users.edges[*].node.id").entityList(String.class).get();
      pageIds.forEach(id -> ids.add(Long.parseLong(id)));
      response
          .path("users.edges[*].node.email")
          .entityList(String.class)
          .satisfies(emails -> assertThat(emails).doesNotContainNull());
      after = response.path("users.pageInfo.endCursor").entity(String.class).get();
    }
    assertThat(ids).hasSize(120).doesNotHaveDuplicates().isSorted();
    assertThat(ids.getFirst()).isEqualTo(1L);
  }

  @Test
  void defaultPageIsTwenty() {
    TestUsers.admin(graphQl)
        .document(PAGE)
        .execute()
        .path("users.edges")
        .entityList(Object.class)
        .hasSize(20);
  }

  @Test
  void badPageArgumentsAreBadUserInput() {
    var admin = TestUsers.admin(graphQl);
    GraphQlErrors.expectBadUserInput(admin.document(PAGE).variable("first", -1).execute(), "first");
    GraphQlErrors.expectBadUserInput(
        admin.document(PAGE).variable("first", 101).execute(), "first");
    GraphQlErrors.expectBadUserInput(
        admin.document(PAGE).variable("after", "%%%").execute(), "after");
    GraphQlErrors.expectBadUserInput(
        admin.document(PAGE).variable("after", "djFfT1RIRVIfMQ").execute(), "after");
  }

  @Test
  void credentialsAreNotPartOfTheSchema() {
    GraphQlErrors.expectCode(
        TestUsers.admin(graphQl).document("{ users { edges { node { password } } } }").execute(),
        "GRAPHQL_VALIDATION_FAILED");
    for (String field : List.of("passwordHash", "password_hash", "scopes")) {
      GraphQlErrors.expectCode(
          graphQl.document("{ user(id: \"1\") { " + field + " } }").execute(),
          "GRAPHQL_VALIDATION_FAILED");
    }
  }

  private GraphQlTester.Path emailOf(HttpGraphQlTester tester) {
    return tester.document(USER_17).execute().path("user.email");
  }
}
