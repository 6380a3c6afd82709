package dev.storefront.sandbox.cardprocessor.api;

import dev.storefront.sandbox.cardprocessor.SandboxSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
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
      refusal("the sandbox admin API is off: start the sandbox with SANDBOX_ADMIN_TOKEN set");
  private static final byte[] REFUSED = refusal("invalid admin token");

  private final byte[] expected;

  public AdminTokenFilter(SandboxSettings settings) {
    String token = settings.adminToken();
    this.expected =
        token == null || token.isBlank()
            ? null
            : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = RoutedPath.of(exchange);
    if (RoutedPath.isUnder(path, "/v1") || RoutedPath.isUnder(path, "/actuator")) {
      return chain.filter(exchange);
    }
    if (expected == null) {
      return refuse(exchange, HttpStatus.FORBIDDEN, OFF);
    }
    String presented = exchange.getRequest().getHeaders().getFirst("Authorization");
    if (presented != null
        && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
      return chain.filter(exchange);
    }
    return refuse(exchange, HttpStatus.UNAUTHORIZED, REFUSED);
  }

  private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, byte[] body) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  private static byte[] refusal(String message) {
    return ("{\"error\":{\"type\":\"authentication_error\",\"message\":\"" + message + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
