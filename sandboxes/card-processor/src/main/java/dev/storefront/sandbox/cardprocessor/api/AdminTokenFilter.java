package dev.storefront.sandbox.cardprocessor.api;

import dev.storefront.sandbox.cardprocessor.SandboxSettings;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Everything outside the processor API ({@code /v1}, which takes the merchant key) and the health
 * and metrics endpoints is the admin API: {@code /sandbox/*} can switch declines and outages on,
 * point webhooks elsewhere and forget every intent, so it takes {@code Authorization: Bearer
 * <SANDBOX_ADMIN_TOKEN>}. Without a token configured the admin API is off (403): the sandbox never
 * opens it to anyone by default. Deny by default, so a new admin endpoint is covered too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminTokenFilter implements WebFilter {

  private static final byte[] OFF =
      BearerCredential.refusal(
          "the sandbox admin API is off: start the sandbox with SANDBOX_ADMIN_TOKEN set");
  private static final byte[] REFUSED = BearerCredential.refusal("invalid admin token");

  private final BearerCredential token;

  public AdminTokenFilter(SandboxSettings settings) {
    String token = settings.adminToken();
    this.token = token == null || token.isBlank() ? null : new BearerCredential(token);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = RoutedPath.of(exchange);
    if (RoutedPath.isUnder(path, "/v1") || RoutedPath.isUnder(path, "/actuator")) {
      return chain.filter(exchange);
    }
    if (token == null) {
      return BearerCredential.refuse(exchange, HttpStatus.FORBIDDEN, OFF);
    }
    if (token.presentedIn(exchange)) {
      return chain.filter(exchange);
    }
    return BearerCredential.refuse(exchange, HttpStatus.UNAUTHORIZED, REFUSED);
  }
}
