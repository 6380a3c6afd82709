package dev.storefront.bff.web.session;

import dev.storefront.bff.problem.GraphQlProblems;
import dev.storefront.bff.problem.TraceIds;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * 401 problem+json for a request without a session (or whose session just ended), and the cookie is
 * cleared so the browser stops sending it. Ahead of bff-support's handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SessionEndedAdvice {

  private final SessionCookies cookies;

  public SessionEndedAdvice(SessionCookies cookies) {
    this.cookies = cookies;
  }

  @ExceptionHandler(SessionEndedException.class)
  public ResponseEntity<ProblemDetail> sessionEnded(
      SessionEndedException e, ServerWebExchange exchange) {
    ProblemDetail problem = GraphQlProblems.unauthenticated(e.getMessage());
    problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
    String traceId = TraceIds.of(exchange);
    if (traceId != null) {
      problem.setProperty("traceId", traceId);
    }
    if (cookies.read(exchange.getRequest()).isPresent()) {
      cookies.clear(exchange.getResponse());
    }
    return ResponseEntity.status(problem.getStatus())
        .contentType(GraphQlProblems.PROBLEM_JSON)
        .cacheControl(CacheControl.noStore())
        // No standard scheme names a session cookie; this says "sign in" without inviting a
        // browser's Basic prompt.
        .header(HttpHeaders.WWW_AUTHENTICATE, "Cookie realm=\"storefront\"")
        .body(problem);
  }
}
