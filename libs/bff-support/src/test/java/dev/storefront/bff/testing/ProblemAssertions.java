package dev.storefront.bff.testing;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Expectations for the RFC 9457 problem responses of a BFF. */
public final class ProblemAssertions {

  private ProblemAssertions() {}

  /** The status and {@code application/problem+json}. */
  public static WebTestClient.ResponseSpec expectProblem(
      WebTestClient.ResponseSpec response, int status) {
    return response
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  /** The status, {@code application/problem+json} and the problem's {@code code}. */
  public static WebTestClient.BodyContentSpec expectProblem(
      WebTestClient.ResponseSpec response, int status, String code) {
    return expectProblem(response, status).expectBody().jsonPath("$.code").isEqualTo(code);
  }
}
