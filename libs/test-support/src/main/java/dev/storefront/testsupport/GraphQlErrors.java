package dev.storefront.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.graphql.test.tester.GraphQlTester;

/** Assertions on the typed errors every Storefront service returns. */
public final class GraphQlErrors {

  private GraphQlErrors() {}

  /** Every error is BAD_USER_INPUT naming the argument, with a message fit for a client. */
  public static void expectBadUserInput(GraphQlTester.Response response, String argument) {
    response
        .errors()
        .satisfy(errors ->
            assertThat(errors)
                .isNotEmpty()
                .allSatisfy(error -> {
                  assertThat(error.getExtensions())
                      .containsEntry("code", "BAD_USER_INPUT")
                      .containsEntry("argument", argument);
                  assertThat(error.getMessage())
                      .doesNotContain("Exception")
                      .doesNotContain("at dev.");
                }));
  }

  /** Exactly one error, with this code. */
  public static void expectCode(GraphQlTester.Response response, String code) {
    response
        .errors()
        .satisfy(errors ->
            assertThat(errors)
                .singleElement()
                .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", code)));
  }
}
