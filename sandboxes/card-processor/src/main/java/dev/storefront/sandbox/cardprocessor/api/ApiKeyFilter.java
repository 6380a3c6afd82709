package dev.storefront.sandbox.cardprocessor.api;

import dev.storefront.sandbox.cardprocessor.SandboxSettings;
import org.springframework.http.HttpStatus;
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

  private static final byte[] REFUSAL = BearerCredential.refusal("invalid API key");

  private final BearerCredential apiKey;

  public ApiKeyFilter(SandboxSettings settings) {
    this.apiKey = new BearerCredential(settings.apiKey());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!RoutedPath.isUnder(RoutedPath.of(exchange), "/v1")) {
      return chain.filter(exchange);
    }
    if (apiKey.presentedIn(exchange)) {
      return chain.filter(exchange);
    }
    return BearerCredential.refuse(exchange, HttpStatus.UNAUTHORIZED, REFUSAL);
  }
}
