package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** A bad request gets a typed GraphQL error: never a 5xx, never a stack trace. */
class BadRequestTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown field        | { products { edges { node { nope } } } }                 | GRAPHQL_VALIDATION_FAILED",
        "wrong argument type  | { products(first: \"ten\") { edges { cursor } } }        | GRAPHQL_VALIDATION_FAILED",
        "negative page size   | { products(first: -1) { edges { cursor } } }            | BAD_USER_INPUT",
        "page over 100        | { products(first: 101) { edges { cursor } } }        | BAD_USER_INPUT",
        "page of 100,000      | { products(first: 100000) { edges { cursor } } }        | COST_ESTIMATED_TOO_EXPENSIVE",
        "malformed cursor     | { products(after: \"%%%\") { edges { cursor } } }       | BAD_USER_INPUT",
        "nested bad page size | { product(id: \"1\") { reviews(first: 500) { edges { cursor } } } } | BAD_USER_INPUT",
        "syntax error         | { products(                                             | GRAPHQL_PARSE_FAILED",
        "deeper than 20       | { product(id: \"1\") { reviews(first: 1) { edges { node { author { reviews(first: 1) { edges { node { product { reviews(first: 1) { edges { node { author { reviews(first: 1) { edges { node { product { reviews(first: 1) { edges { node { id } } } } } } } } } } } } } } } } } } } } } | GRAPHQL_VALIDATION_FAILED",
      })
  void isATypedError(String name, String query, String expectedCode) {
    var response = Router.post(query);
    assertThat(response.status()).as(response.raw()).isLessThan(500);
    JsonNode errors = response.errors();
    assertThat(errors.isArray()).as(response.raw()).isTrue();
    assertThat(errors.size()).isPositive();
    assertThat(errors.get(0).at("/extensions/code").asString()).isEqualTo(expectedCode);
    assertThat(response.raw())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("stacktrace");
  }

  @Test
  void aDocumentOverTheTokenLimitIsRejectedBeforeAnySubgraphIsCalled() {
    var aliases = new StringBuilder("{");
    for (int i = 0; i < 600; i++) {
      aliases.append(" a").append(i).append(": product(id: \"1\") { name }");
    }
    var response = Router.post(aliases.append(" }").toString());
    assertThat(response.status()).isLessThan(500);
    assertThat(response.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("GRAPHQL_PARSE_FAILED");
    assertThat(response.data().isMissingNode() || response.data().isNull()).isTrue();
  }

  @Test
  void nestedPagesThatWouldMultiplyIntoHugeAnswersAreRefusedByCost() {
    // Four nested default pages of 20: 160,000 products; this returned 2 MB before the cost limit.
    var response =
        Router.post(
            "{ product(id: \"1\") { reviews { edges { node { author { reviews { edges { node { product {"
                + " reviews { edges { node { author { reviews { edges { node { product { name } } } } } } } } } } } } } } } } } }");
    assertThat(response.status()).isLessThan(500);
    assertThat(response.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("COST_ESTIMATED_TOO_EXPENSIVE");
    assertThat(response.raw().length()).isLessThan(1000);
    var page = Router.post(FederatedQueryTest.STOREFRONT_PAGE, java.util.Map.of("first", 100));
    assertThat(page.errors().isMissingNode()).as(page.raw()).isTrue();
  }

  @Test
  void validationErrorsDoNotSuggestFieldNames() {
    var response = Router.post("{ products { edges { node { nam } } } }");
    assertThat(response.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("GRAPHQL_VALIDATION_FAILED");
    assertThat(response.raw()).doesNotContain("Did you mean").doesNotContain("\"name\"");
  }

  @ParameterizedTest(name = "malformed body: {0}")
  @CsvSource(
      delimiter = '|',
      value = {"not json", "{\"query\": 42}", "{}"})
  void malformedBodiesAreClientErrors(String body) {
    var response = Router.postRaw(body);
    assertThat(response.status()).as(response.raw()).isBetween(400, 499);
    assertThat(response.raw()).doesNotContain("\tat ");
  }
}
