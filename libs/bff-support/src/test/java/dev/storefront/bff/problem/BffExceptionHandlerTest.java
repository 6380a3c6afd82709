package dev.storefront.bff.problem;

import dev.storefront.bff.router.RouterUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
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
    web.get()
        .uri("/missing")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://storefront.dev/problems/not-found")
        .jsonPath("$.status")
        .isEqualTo(404)
        .jsonPath("$.code")
        .isEqualTo("NOT_FOUND")
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
    web.get()
        .uri("/down")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody(String.class)
        .value(body ->
            org.assertj.core.api.Assertions.assertThat(body)
                .contains("SERVICE_UNAVAILABLE")
                .doesNotContain("4000")
                .doesNotContain("refused"));
  }

  @Test
  void anythingUnexpectedIsAGeneric500() {
    web.get()
        .uri("/bug")
        .exchange()
        .expectStatus()
        .isEqualTo(500)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody(String.class)
        .value(body ->
            org.assertj.core.api.Assertions.assertThat(body)
                .contains("INTERNAL_SERVER_ERROR")
                .doesNotContain("secret")
                .doesNotContain("NullPointer"));
  }

  @Test
  void springsOwnRequestErrorsKeepTheirStatus() {
    web.get()
        .uri("/needs-header")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("BAD_REQUEST")
        .jsonPath("$.detail")
        .value(detail ->
            org.assertj.core.api.Assertions.assertThat(detail.toString())
                .contains("Idempotency-Key"));
  }
}
