package dev.storefront.accounts.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.storefront.accounts.AuthSettings;
import dev.storefront.accounts.account.Account;
import dev.storefront.accounts.signingkey.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Access tokens: RS256 JWTs signed with the current signing key, carrying the user id ({@code sub})
 * and scopes ({@code scope}, space-separated). The router and every subgraph verify them against
 * the JWKS; the router forwards them to the subgraphs as the caller's proof of identity.
 */
@Component
class AccessTokens {

  private final SigningKeys keys;
  private final Clock clock;
  private final String issuer;
  private final String audience;
  private final Duration ttl;

  AccessTokens(SigningKeys keys, Clock clock, AuthSettings settings) {
    this.keys = keys;
    this.clock = clock;
    this.issuer = settings.issuer();
    this.audience = settings.audience();
    this.ttl = settings.accessTokenTtl();
  }

  Mono<AccessToken> issue(Account account) {
    return keys.current().map(key -> sign(account, key));
  }

  private AccessToken sign(Account account, RSAKey key) {
    // JWT times are whole seconds; truncating keeps exp - iat exactly the configured lifetime.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(String.valueOf(account.id()))
            .claim("scope", String.join(" ", account.scopes()))
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .keyID(key.getKeyID())
            .type(JOSEObjectType.JWT)
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with key " + header.getKeyID(), e);
    }
    return new AccessToken(jwt.serialize(), Math.toIntExact(ttl.toSeconds()));
  }
}
