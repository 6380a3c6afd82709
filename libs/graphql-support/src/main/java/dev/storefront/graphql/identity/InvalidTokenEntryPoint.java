package dev.storefront.graphql.identity;

import dev.storefront.graphql.access.UnauthenticatedResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A bearer token that does not verify refuses the whole request, as at the router: 401 with a
 * GraphQL-shaped UNAUTHENTICATED error, never treated as anonymous.
 */
public class InvalidTokenEntryPoint implements ServerAuthenticationEntryPoint {

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
    return UnauthenticatedResponse.invalidToken(exchange);
  }
}
