package dev.storefront.graphql.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Subgraphs answer GraphQL only to the router: it sends a shared secret in {@value #HEADER}, and
 * anyone else calling a subgraph directly (bypassing the router's limits and, later, its
 * authentication) gets 401. Health and metrics endpoints stay open to the platform.
 */
public class RouterOnlyFilter implements WebFilter, Ordered {

  public static final String HEADER = "X-Storefront-Router-Secret";
  static final byte[] UNAUTHORIZED_BODY =
      """
      {"errors":[{"message":"Subgraphs are only reachable through the router","extensions":{"code":"UNAUTHENTICATED"}}]}\
      """
          .getBytes(StandardCharsets.UTF_8);

  private final byte[] secret;
  private final String graphqlPath;

  public RouterOnlyFilter(String secret, String graphqlPath) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("the router's shared secret must not be empty");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.graphqlPath = graphqlPath;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!exchange.getRequest().getPath().value().startsWith(graphqlPath)) {
      return chain.filter(exchange);
    }
    String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
    // Constant-time comparison: response timing must not reveal how much of a guess was right.
    if (presented != null
        && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
      return chain.filter(exchange);
    }
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(UNAUTHORIZED_BODY)));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
