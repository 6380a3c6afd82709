package dev.storefront.bff.problem;

import static dev.storefront.bff.testing.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.router.RouterUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

class BffExceptionHandlerTest {

  @RestController
  static class Screens {
    @GetMapping("/missing")
    Mono<String> missing() {
      return Mono.error(new GraphQlProblemException(GraphQlProblems.notFound("No product 42.")));
    }

    @GetMapping("/down")
    Mono<String> down() {
      return Mono.error(
          new RouterUnavailableException(
              "router is unreachable (Connection refused: 127.0.0.1:4000)"));
    }

    @GetMapping("/bug")
    Mono<String> bug() {
      return Mono.error(new IllegalStateException("NullPointer in /srv/secret/Thing.java"));
    }

    @GetMapping("/signed-in")
    Mono<String> signedIn() {
      return Mono.error(
          new GraphQlProblemException(GraphQlProblems.unauthenticated("Sign in first.")));
    }

    @GetMapping("/needs-header")
    Mono<String> needsHeader(@RequestHeader("Idempotency-Key") String key) {
      return Mono.just(key);
    }
  }

  WebTestClient web =
      WebTestClient.bindToController(new Screens())
          .controllerAdvice(new BffExceptionHandler())
          .build();

  @Test
  void aProblemExceptionIsItsProblem() {
    expectProblem(web.get().uri("/missing").exchange(), 404, "NOT_FOUND")
        .jsonPath("$.type")
        .isEqualTo("https://storefront.dev/problems/not-found")
        .jsonPath("$.status")
        .isEqualTo(404)
        .jsonPath("$.detail")
        .isEqualTo("No product 42.")
        .jsonPath("$.instance")
        .isEqualTo("/missing");
  }

  @Test
  void unauthenticatedAsksForABearerToken() {
    web.get()
        .uri("/signed-in")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("WWW-Authenticate", "Bearer")
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void anUnavailableRouterIs503WithoutItsAddress() {
    expectProblem(web.get().uri("/down").exchange(), 503)
        .expectBody(String.class)
        .value(body ->
            assertThat(body)
                .contains("SERVICE_UNAVAILABLE")
                .doesNotContain("4000")
                .doesNotContain("refused"));
  }

  @Test
  void anythingUnexpectedIsAGeneric500() {
    expectProblem(web.get().uri("/bug").exchange(), 500)
        .expectBody(String.class)
        .value(body ->
            assertThat(body)
                .contains("INTERNAL_SERVER_ERROR")
                .doesNotContain("secret")
                .doesNotContain("NullPointer"));
  }

  @Test
  void springsOwnRequestErrorsKeepTheirStatus() {
    expectProblem(web.get().uri("/needs-header").exchange(), 400, "BAD_REQUEST")
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains("Idempotency-Key"));
  }
}
