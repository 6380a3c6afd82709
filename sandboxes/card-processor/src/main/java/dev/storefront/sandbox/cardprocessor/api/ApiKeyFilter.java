package dev.storefront.sandbox.cardprocessor.api;

import dev.storefront.sandbox.cardprocessor.SandboxSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every {@code /v1} call presents the merchant's secret key as a bearer token. The admin endpoints
 * take their own token ({@link AdminTokenFilter}).
 */
@Component
public class ApiKeyFilter implements WebFilter {

  private static final byte[] REFUSAL =
      "{\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid API key\"}}"
          .getBytes(StandardCharsets.UTF_8);

  private final byte[] expected;

  public ApiKeyFilter(SandboxSettings settings) {
    this.expected = ("Bearer " + settings.apiKey()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!RoutedPath.isUnder(RoutedPath.of(exchange), "/v1")) {
      return chain.filter(exchange);
    }
    String presented = exchange.getRequest().getHeaders().getFirst("Authorization");
    // Constant-time, as a real processor would compare secrets.
    if (presented != null
        && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
      return chain.filter(exchange);
    }
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(REFUSAL)));
  }
}
