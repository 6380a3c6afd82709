package dev.storefront.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Real access tokens for module tests, signed RS256 with a test key made once per JVM. The subgraph
 * under test verifies them as it verifies accounts' tokens (same claim checks), with this key in
 * place of the JWKS (see {@link TestTokenVerificationAutoConfiguration}).
 */
public final class TestAccessTokens {

  public static final String ISSUER = "storefront-accounts";
  public static final String AUDIENCE = "storefront";

  private static final RSAKey KEY = generate("test-signing-key");

  private TestAccessTokens() {}

  /** A fresh RSA key, for tokens the subgraph must refuse (a signature by someone else). */
  public static RSAKey generate(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  public static RSAPublicKey publicKey() {
    try {
      return KEY.toRSAPublicKey();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid 15-minute token for this user with these scopes. */
  public static String mint(String userId, String... scopes) {
    return sign(KEY, claims(userId, scopes).build());
  }

  /** A token whose claims the test changes (an expired one, another audience, ...). */
  public static String mint(
      String userId, UnaryOperator<JWTClaimsSet.Builder> change, String... scopes) {
    return sign(KEY, change.apply(claims(userId, scopes)).build());
  }

  /** The claims accounts puts in an access token. */
  public static JWTClaimsSet.Builder claims(String userId, String... scopes) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(userId)
        .claim("scope", String.join(" ", scopes))
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
        .jwtID(UUID.randomUUID().toString());
  }

  /** RS256 over these claims with {@code key}. */
  public static String sign(RSAKey key, JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a test token", e);
    }
    return jwt.serialize();
  }
}
