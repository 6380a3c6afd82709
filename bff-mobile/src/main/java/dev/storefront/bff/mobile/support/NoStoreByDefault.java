package dev.storefront.bff.mobile.support;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every {@code /v1} answer that does not say otherwise (the user's cart, orders, checkout, and
 * every error) is {@code Cache-Control: private, no-store}: only the catalog screens are cacheable.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class NoStoreByDefault implements WebFilter {

  public static final String NO_STORE = "private, no-store";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (exchange.getRequest().getPath().value().startsWith("/v1/")) {
      exchange
          .getResponse()
          .beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
              headers.setCacheControl(NO_STORE);
            }
            return Mono.empty();
          });
    }
    return chain.filter(exchange);
  }
}
