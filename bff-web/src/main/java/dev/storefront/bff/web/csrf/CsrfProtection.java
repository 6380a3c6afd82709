package dev.storefront.bff.web.csrf;

import dev.storefront.bff.problem.GraphQlProblems;
import dev.storefront.bff.problem.TraceIds;
import dev.storefront.bff.web.BffWebProperties;
import dev.storefront.bff.web.ProblemBodies;
import dev.storefront.bff.web.session.Session;
import dev.storefront.bff.web.session.Sessions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses cross-site state changes with 403 problem+json. Every POST, PUT, PATCH and DELETE (each
 * POST to {@code /graphql} too, query or mutation):
 *
 * <ul>
 *   <li>when it has an {@code Origin} header, that origin must be on {@code
 *       storefront.bff.web.allowed-origins};
 *   <li>when it belongs to a session, it must carry the session's CSRF token in {@code
 *       X-CSRF-Token} (a synchronizer token: a page of another site can make the browser send the
 *       cookie, but cannot read the token). {@code POST /auth/login} is exempt: it has no session
 *       yet, and creates a new one whatever cookie came with it.
 * </ul>
 *
 * A request without a session carries no one's authority: it goes on anonymously (and an endpoint
 * that needs a session answers 401). Runs before CORS, so a foreign origin gets this problem
 * response rather than CORS's bare 403.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class CsrfProtection implements WebFilter {

  public static final String HEADER = "X-CSRF-Token";

  private static final Set<HttpMethod> STATE_CHANGING =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  private final Set<String> allowedOrigins;
  private final Sessions sessions;

  public CsrfProtection(BffWebProperties properties, Sessions sessions) {
    this.allowedOrigins =
        properties.allowedOrigins().stream()
            .map(CsrfProtection::normalise)
            .collect(Collectors.toUnmodifiableSet());
    this.sessions = sessions;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    if (!STATE_CHANGING.contains(request.getMethod())) {
      return chain.filter(exchange);
    }
    String origin = request.getHeaders().getOrigin();
    if (origin != null && !allowedOrigins.contains(normalise(origin))) {
      return refuse(exchange, "Requests from this origin are not accepted.");
    }
    if (request.getMethod() == HttpMethod.POST && "/auth/login".equals(request.getPath().value())) {
      return chain.filter(exchange);
    }
    String token = request.getHeaders().getFirst(HEADER);
    return sessions
        .current(exchange)
        .map(session -> matches(session, token))
        .defaultIfEmpty(true)
        .flatMap(allowed ->
            allowed
                ? chain.filter(exchange)
                : refuse(
                    exchange,
                    token == null
                        ? "The " + HEADER + " header is missing."
                        : "The " + HEADER + " header does not match the session."));
  }

  /** Constant-time comparison with the session's token. */
  static boolean matches(Session session, String token) {
    if (token == null || token.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        session.csrfToken().getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }

  private static String normalise(String origin) {
    String trimmed = origin.trim().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  private static Mono<Void> refuse(ServerWebExchange exchange, String detail) {
    ProblemDetail problem = GraphQlProblems.problem(HttpStatus.FORBIDDEN, "FORBIDDEN", detail);
    problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
    String traceId = TraceIds.of(exchange);
    if (traceId != null) {
      problem.setProperty("traceId", traceId);
    }
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.FORBIDDEN);
    response.getHeaders().setContentType(GraphQlProblems.PROBLEM_JSON);
    response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
    byte[] bytes = JsonMapper.shared().writeValueAsBytes(ProblemBodies.of(problem));
    return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
  }
}
