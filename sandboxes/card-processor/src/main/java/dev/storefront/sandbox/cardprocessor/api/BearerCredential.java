package dev.storefront.sandbox.cardprocessor.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A secret presented as {@code Authorization: Bearer <secret>} (the merchant's API key, the admin
 * token), compared in constant time as a real processor compares secrets, and the processor-shaped
 * error a refused request gets.
 */
final class BearerCredential {

  private final byte[] expected;

  BearerCredential(String secret) {
    this.expected = ("Bearer " + secret).getBytes(StandardCharsets.UTF_8);
  }

  boolean presentedIn(ServerWebExchange exchange) {
    String presented = exchange.getRequest().getHeaders().getFirst("Authorization");
    return presented != null
        && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] refusal(String message) {
    return ("{\"error\":{\"type\":\"authentication_error\",\"message\":\"" + message + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, byte[] body) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
