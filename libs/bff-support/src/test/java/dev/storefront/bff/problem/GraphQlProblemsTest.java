package dev.storefront.bff.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.router.GraphQlError;
import dev.storefront.bff.router.GraphQlResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.ProblemDetail;

class GraphQlProblemsTest {

  @ParameterizedTest
  @CsvSource({
    "BAD_USER_INPUT, 400, https://storefront.dev/problems/bad-user-input",
    "GRAPHQL_VALIDATION_FAILED, 400, https://storefront.dev/problems/graphql-validation-failed",
    "GRAPHQL_PARSE_FAILED, 400, https://storefront.dev/problems/graphql-parse-failed",
    "BAD_REQUEST, 400, https://storefront.dev/problems/bad-request",
    "UNAUTHENTICATED, 401, https://storefront.dev/problems/unauthenticated",
    "FORBIDDEN, 403, https://storefront.dev/problems/forbidden",
    "NOT_FOUND, 404, https://storefront.dev/problems/not-found",
    "CONFLICT, 409, https://storefront.dev/problems/conflict",
    "TOO_MANY_REQUESTS, 429, https://storefront.dev/problems/too-many-requests",
    "PERSISTED_QUERY_NOT_FOUND, 502, https://storefront.dev/problems/bad-gateway",
    "PERSISTED_QUERY_NOT_IN_LIST, 502, https://storefront.dev/problems/bad-gateway",
    "PERSISTED_QUERY_UNAVAILABLE, 503, https://storefront.dev/problems/service-unavailable",
    "INTERNAL_SERVER_ERROR, 500, https://storefront.dev/problems/internal-server-error",
    "DOWNSTREAM_SERVICE_ERROR, 502, https://storefront.dev/problems/bad-gateway",
  })
  void mapsEachCodeToAStatusAndType(String code, int status, String type) {
    ProblemDetail problem = GraphQlProblems.toProblem(result(error("whatever", code)));
    assertThat(problem.getStatus()).isEqualTo(status);
    assertThat(problem.getType()).hasToString(type);
    assertThat(problem.getTitle()).isNotBlank();
    assertThat(problem.getProperties()).containsKey("code");
  }

  @Test
  void clientErrorsShowTheirMessage() {
    ProblemDetail problem =
        GraphQlProblems.toProblem(
            result(error("quantity must be 1 to 99", "BAD_USER_INPUT"), error("x", "NOT_FOUND")));
    assertThat(problem.getStatus()).isEqualTo(400);
    assertThat(problem.getDetail()).isEqualTo("quantity must be 1 to 99");
    assertThat(problem.getProperties()).containsEntry("code", "BAD_USER_INPUT");
  }

  @Test
  void everythingElseGetsAGenericSentenceWithoutUpstreamText() {
    String internals =
        "request to http://127.0.0.1:4002/graphql failed: Cannot query field \"secret\" on Product";
    for (String code :
        new String[] {
          "PERSISTED_QUERY_NOT_IN_LIST",
          "GRAPHQL_VALIDATION_FAILED",
          "BAD_REQUEST",
          "INTERNAL_SERVER_ERROR",
          "SOMETHING_ELSE",
          null
        }) {
      ProblemDetail problem = GraphQlProblems.toProblem(result(error(internals, code)));
      assertThat(problem.getDetail())
          .as("detail for %s", code)
          .doesNotContain("127.0.0.1")
          .doesNotContain("secret")
          .doesNotContain("Cannot query");
      assertThat(problem.getProperties().toString()).doesNotContain("127.0.0.1");
    }
    ProblemDetail unknown = GraphQlProblems.toProblem(result(error(internals, null)));
    assertThat(unknown.getStatus()).isEqualTo(502);
    assertThat(unknown.getProperties()).containsEntry("code", "BAD_GATEWAY");
  }

  @Test
  void routerUnavailableIs503() {
    ProblemDetail problem = GraphQlProblems.unavailable();
    assertThat(problem.getStatus()).isEqualTo(503);
    assertThat(problem.getType())
        .hasToString("https://storefront.dev/problems/service-unavailable");
    assertThat(problem.getProperties()).containsEntry("code", "SERVICE_UNAVAILABLE");
  }

  @Test
  void rateLimitsCarryTheirRetryTime() {
    var error =
        new GraphQlError(
            "slow down",
            "TOO_MANY_REQUESTS",
            List.of(),
            Map.of("code", "TOO_MANY_REQUESTS", "retryAfterSeconds", 7));
    ProblemDetail problem = GraphQlProblems.toProblem(error);
    assertThat(problem.getStatus()).isEqualTo(429);
    assertThat(problem.getProperties()).containsEntry("retryAfterSeconds", 7L);
  }

  @Test
  void requireDataThrowsTheProblem() {
    var e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            GraphQlProblemException.class,
            () -> GraphQlProblems.requireData(result(error("no such order", "NOT_FOUND"))));
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.code()).isEqualTo("NOT_FOUND");
  }

  private static GraphQlError error(String message, String code) {
    return new GraphQlError(
        message, code, List.of("product", 0), code == null ? Map.of() : Map.of("code", code));
  }

  private static GraphQlResult result(GraphQlError... errors) {
    return new GraphQlResult(null, List.of(errors));
  }
}
