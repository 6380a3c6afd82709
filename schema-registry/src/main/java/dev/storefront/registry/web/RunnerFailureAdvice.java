package dev.storefront.registry.web;

import dev.storefront.registry.runner.CompositionRunnerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The composition runner failing is the registry's fault, not the caller's, and nothing was stored:
 * 503 tells a CI pipeline to retry later.
 */
@RestControllerAdvice
public class RunnerFailureAdvice {

  private static final Logger log = LoggerFactory.getLogger(RunnerFailureAdvice.class);

  @ExceptionHandler(CompositionRunnerException.class)
  ProblemDetail runnerFailed(CompositionRunnerException e) {
    log.error("Composition runner failed: {}", e.getMessage());
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "Schema composition is unavailable; nothing was stored. Try again later.");
    problem.setProperty("cause", e.getMessage());
    return problem;
  }
}
