package dev.storefront.bff.problem;

import org.springframework.http.ProblemDetail;

/** Ends a BFF request with a problem response ({@code application/problem+json}). */
public class GraphQlProblemException extends RuntimeException {

  private final transient ProblemDetail problem;

  public GraphQlProblemException(ProblemDetail problem) {
    super(problem.getTitle() + ": " + problem.getDetail());
    this.problem = problem;
  }

  public GraphQlProblemException(ProblemDetail problem, Throwable cause) {
    super(problem.getTitle() + ": " + problem.getDetail(), cause);
    this.problem = problem;
  }

  public ProblemDetail problem() {
    return problem;
  }

  public int status() {
    return problem.getStatus();
  }

  /** The problem's {@code code} property, e.g. {@code NOT_FOUND}. */
  public String code() {
    Object code = problem.getProperties() == null ? null : problem.getProperties().get("code");
    return code == null ? null : code.toString();
  }
}
