package dev.storefront.accounts.signingkey;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The public keys access tokens are verified with (RFC 7517), outside /graphql so that the router
 * reaches it without the subgraph secret. During a rotation it lists the old and the new key. Read
 * from the table on every request: verifiers fetch it rarely (they cache it, and refetch when they
 * meet an unknown kid), and then every instance must already list a key another one just created.
 */
@RestController
class JwksEndpoint {

  static final String PATH = "/.well-known/jwks.json";

  private final SigningKeys keys;

  JwksEndpoint(SigningKeys keys) {
    this.keys = keys;
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<String>> jwks() {
    return keys.published()
        .map(published ->
            ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .contentType(MediaType.APPLICATION_JSON)
                .body(published.toString(true)));
  }
}
