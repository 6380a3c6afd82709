package dev.storefront.graphql.access;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The 401 a subgraph answers before any GraphQL runs: shaped like a GraphQL error with {@code
 * extensions.code} UNAUTHENTICATED, as the router answers a refused token, and without data.
 */
public final class UnauthenticatedResponse {

  static final byte[] INVALID_TOKEN_BODY =
      body("The access token is invalid, expired or not for this platform");

  private UnauthenticatedResponse() {}

  /** The body for {@code message}, which must be a constant: it is not JSON-escaped. */
  static byte[] body(String message) {
    return ("{\"errors\":[{\"message\":\""
            + message
            + "\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** {@code wwwAuthenticate} null: the caller's credential, not a token, was missing. */
  public static Mono<Void> write(ServerWebExchange exchange, byte[] body, String wwwAuthenticate) {
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    if (wwwAuthenticate != null) {
      response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate);
    }
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  /** The answer to a bearer token that did not verify. */
  public static Mono<Void> invalidToken(ServerWebExchange exchange) {
    return write(exchange, INVALID_TOKEN_BODY, "Bearer error=\"invalid_token\"");
  }
}
