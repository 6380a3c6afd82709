package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
        "oversized page       | { products(first: 100000) { edges { cursor } } }        | BAD_USER_INPUT",
        "malformed cursor     | { products(after: \"%%%\") { edges { cursor } } }       | BAD_USER_INPUT",
        "nested bad page size | { product(id: \"1\") { reviews(first: 500) { edges { cursor } } } } | BAD_USER_INPUT",
        "syntax error         | { products(                                             | GRAPHQL_PARSE_FAILED",
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
