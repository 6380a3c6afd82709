package dev.storefront.bff.problem;

import dev.storefront.bff.router.RouterUnavailableException;
import java.net.URI;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Answers every failed BFF request with {@code application/problem+json}: a {@link
 * GraphQlProblemException} with its problem, a router that did not answer with 503, Spring's own
 * request errors (unreadable body, missing header, wrong method) with their status, and anything
 * unexpected with a generic 500 that is logged with the trace id. Ordered last, so a BFF's own
 * advice goes first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class BffExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(BffExceptionHandler.class);

  @ExceptionHandler(GraphQlProblemException.class)
  public ResponseEntity<ProblemDetail> problem(
      GraphQlProblemException e, ServerWebExchange exchange) {
    if (e.status() >= 500) {
      log(exchange, e.problem(), e);
    }
    return respond(e.problem(), exchange);
  }

  @ExceptionHandler(RouterUnavailableException.class)
  public ResponseEntity<ProblemDetail> unavailable(
      RouterUnavailableException e, ServerWebExchange exchange) {
    ProblemDetail problem = GraphQlProblems.unavailable();
    log(exchange, problem, e);
    return respond(problem, exchange);
  }

  @ExceptionHandler({ResponseStatusException.class, ErrorResponseException.class})
  public ResponseEntity<ProblemDetail> springError(Exception e, ServerWebExchange exchange) {
    ErrorResponse error = (ErrorResponse) e;
    HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
    if (status == null || status.is5xxServerError()) {
      return unexpected(e, exchange);
    }
    String code = codeOf(status);
    String detail =
        switch (e) {
          case MissingRequestValueException missing -> missing.getReason();
          case WebExchangeBindException bind ->
              bind.getFieldErrors().stream()
                  .map(f -> f.getField() + ": " + f.getDefaultMessage())
                  .collect(Collectors.joining("; "));
          case ServerWebInputException input ->
              "The request is not valid: check its parameters and body.";
          default -> status.getReasonPhrase();
        };
    ProblemDetail problem = GraphQlProblems.problem(status, code, detail);
    HttpHeaders headers = new HttpHeaders();
    headers.addAll(error.getHeaders());
    return ResponseEntity.status(status)
        .headers(headers)
        .contentType(GraphQlProblems.PROBLEM_JSON)
        .body(withTrace(problem, exchange));
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
    ProblemDetail problem = GraphQlProblems.internalError();
    log(exchange, problem, e);
    return respond(problem, exchange);
  }

  private static ResponseEntity<ProblemDetail> respond(
      ProblemDetail problem, ServerWebExchange exchange) {
    var response =
        ResponseEntity.status(problem.getStatus()).contentType(GraphQlProblems.PROBLEM_JSON);
    if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    if (problem.getProperties() != null
        && problem.getProperties().get("retryAfterSeconds") instanceof Number seconds) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
    }
    return response.body(withTrace(problem, exchange));
  }

  private static ProblemDetail withTrace(ProblemDetail problem, ServerWebExchange exchange) {
    String traceId = TraceIds.of(exchange);
    if (traceId != null) {
      problem.setProperty("traceId", traceId);
    }
    if (exchange != null && problem.getInstance() == null) {
      problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
    }
    return problem;
  }

  private static void log(ServerWebExchange exchange, ProblemDetail problem, Throwable e) {
    String traceId = TraceIds.of(exchange);
    String request =
        exchange == null
            ? "?"
            : exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
    try (var ignored = traceId == null ? null : MDC.putCloseable("traceId", traceId)) {
      if (problem.getStatus() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
        log.error("{} failed (trace {})", request, traceId, e);
      } else {
        log.warn(
            "{} answered {} {} (trace {}): {}",
            request,
            problem.getStatus(),
            problem.getProperties() == null ? null : problem.getProperties().get("code"),
            traceId,
            e.toString());
      }
    }
  }

  private static String codeOf(HttpStatus status) {
    return switch (status) {
      case UNAUTHORIZED -> "UNAUTHENTICATED";
      case FORBIDDEN -> "FORBIDDEN";
      case NOT_FOUND -> "NOT_FOUND";
      case CONFLICT -> "CONFLICT";
      case TOO_MANY_REQUESTS -> "TOO_MANY_REQUESTS";
      case BAD_REQUEST -> "BAD_REQUEST";
      default -> status.name();
    };
  }
}
