package dev.storefront.graphql.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Subgraphs answer only the router: it sends a shared secret in {@value #HEADER}, and anyone else
 * calling a subgraph directly (bypassing the router's limits and checks) gets 401. Deny by default:
 * every path needs the secret except an exact-match allow-list of the raw, undecoded path (health,
 * metrics and the service's own public endpoints). Comparing a prefix of the raw path let {@code
 * /gr%61phql}, {@code /graphql/} or {@code //graphql} through while Spring routed them to GraphQL;
 * an exact match on the raw path has no spelling to get wrong.
 */
public class RouterOnlyFilter implements WebFilter, Ordered {

  public static final String HEADER = "X-Storefront-Router-Secret";

  /** The platform's probes and Prometheus scrape carry no credential. */
  public static final List<String> PLATFORM_PATHS =
      List.of(
          "/actuator/health",
          "/actuator/health/liveness",
          "/actuator/health/readiness",
          "/actuator/prometheus");

  static final byte[] UNAUTHORIZED_BODY =
      UnauthenticatedResponse.body("Subgraphs are only reachable through the router");

  private final byte[] secret;
  private final Set<String> openPaths;

  /**
   * @param publicPaths paths of this service that callers other than the router use and that check
   *     their callers themselves (accounts' JWKS, payments' signed webhooks)
   */
  public RouterOnlyFilter(String secret, Collection<String> publicPaths) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("the router's shared secret must not be empty");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.openPaths = new LinkedHashSet<>(PLATFORM_PATHS);
    publicPaths.stream().map(String::trim).filter(p -> !p.isEmpty()).forEach(openPaths::add);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (openPaths.contains(exchange.getRequest().getPath().value())) {
      return chain.filter(exchange);
    }
    String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
    // Constant-time comparison: response timing must not reveal how much of a guess was right.
    if (presented != null
        && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
      return chain.filter(exchange);
    }
    return UnauthenticatedResponse.write(exchange, UNAUTHORIZED_BODY, null);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
