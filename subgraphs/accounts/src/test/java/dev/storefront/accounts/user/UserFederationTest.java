package dev.storefront.accounts.user;

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

@SubgraphTest
class UserFederationTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired SqlStatementCounter statements;

  static final String ENTITIES =
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName email } } }";

  @Test
  void resolvesUserReferencesInOrderWithNullForUnknownIds() {
    var response =
        graphQl
            .document(ENTITIES)
            .variable(
                "r",
                List.of(
                    Map.of("__typename", "User", "id", "3"),
                    Map.of("__typename", "User", "id", "123456"),
                    Map.of("__typename", "User", "id", "1")))
            .execute();
    response.path("_entities[0].id").entity(String.class).isEqualTo("3");
    response.path("_entities[1]").valueIsNull();
    response.path("_entities[2].id").entity(String.class).isEqualTo("1");
  }

  @Test
  void oneStatementForTenOrAHundredUsers() {
    assertThat(statementsFor(10)).isEqualTo(1);
    assertThat(statementsFor(100)).isEqualTo(1);
  }

  @Test
  void publishesItsFederationSchema() {
    Federation.assertServesEntities(graphQl, "User");
  }

  private long statementsFor(int count) {
    var representations = Federation.representations("User", count, i -> i * 9);
    return SqlStatements.countDuring(
        statements,
        () ->
            graphQl
                .document(ENTITIES)
                .variable("r", representations)
                .execute()
                .path("_entities[*].id")
                .entityList(String.class)
                .hasSize(count));
  }
}
