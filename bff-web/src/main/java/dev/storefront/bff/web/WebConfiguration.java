package dev.storefront.bff.web;

import dev.storefront.bff.web.csrf.CsrfProtection;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.WebFilter;

/** CORS for the allowed origins, and headers every response carries. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

  /**
   * A web app served from another allowed origin (e.g. a dev server on port 3000) may call the API
   * with credentials; the same list decides which Origin headers CSRF protection accepts.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 10)
  CorsWebFilter corsWebFilter(BffWebProperties properties) {
    var cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST"));
    cors.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, CsrfProtection.HEADER));
    cors.setAllowCredentials(true);
    cors.setMaxAge(Duration.ofHours(1));
    var source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/auth/**", cors);
    source.registerCorsConfiguration("/graphql", cors);
    source.registerCorsConfiguration("/orders/**", cors);
    return new CorsWebFilter(source);
  }

  /** Responses are data for the app, never pages: no sniffing, no framing, no referrer. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  WebFilter securityHeaders() {
    return (exchange, chain) -> {
      HttpHeaders headers = exchange.getResponse().getHeaders();
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("X-Frame-Options", "DENY");
      headers.set("Referrer-Policy", "no-referrer");
      return chain.filter(exchange);
    };
  }
}
