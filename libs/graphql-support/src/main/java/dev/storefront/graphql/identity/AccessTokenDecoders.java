package dev.storefront.graphql.identity;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Decoders that accept exactly the access tokens the router accepts: RS256 signed by a key in
 * accounts' JWKS, {@code iss} and {@code aud} the platform's, within {@code nbf}..{@code exp}, with
 * a subject.
 */
public final class AccessTokenDecoders {

  /** The router allows 5 s of clock difference too; accounts and the subgraphs share NTP. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  private AccessTokenDecoders() {}

  /**
   * Verifies against the JWKS at {@code jwksUrl}. Nimbus keeps the fetched key set and fetches it
   * again only for a {@code kid} it does not hold (a rotation), so a request costs one RSA
   * signature check, not an HTTP call.
   */
  public static ReactiveJwtDecoder fromJwks(String jwksUrl, String issuer, String audience) {
    NimbusReactiveJwtDecoder decoder =
        NimbusReactiveJwtDecoder.withJwkSetUri(jwksUrl)
            .jwsAlgorithm(SignatureAlgorithm.RS256)
            .build();
    decoder.setJwtValidator(claimChecks(issuer, audience));
    return decoder;
  }

  /** The platform's claim checks, for a decoder whose signature check is set up elsewhere. */
  public static OAuth2TokenValidator<Jwt> claimChecks(String issuer, String audience) {
    return new DelegatingOAuth2TokenValidator<>(
        new JwtTimestampValidator(CLOCK_SKEW),
        new JwtIssuerValidator(issuer),
        new JwtClaimValidator<List<String>>(
            JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
        // The timestamp check passes a token without exp: a token must not live forever.
        new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
        new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
  }
}
