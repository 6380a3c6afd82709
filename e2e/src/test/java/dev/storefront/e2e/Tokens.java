package dev.storefront.e2e;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Tokens the way an attacker or a clock would make them, to show the router refuses them: signed
 * with a key of the test's own, signed with accounts' real key but expired or for another audience,
 * or not signed at all.
 */
final class Tokens {

  static final URI JWKS =
      URI.create(
          System.getProperty("storefront.jwks.url", "http://127.0.0.1:4001/.well-known/jwks.json"));
  static final String ISSUER = "storefront-accounts";
  static final String AUDIENCE = "storefront";

  record SigningKey(String kid, PrivateKey key) {}

  private Tokens() {}

  static JWTClaimsSet.Builder claims(String subject, String scope, Instant expires) {
    Instant issued = expires.minusSeconds(900);
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(subject)
        .claim("scope", scope)
        .issueTime(Date.from(issued))
        .notBeforeTime(Date.from(issued))
        .expirationTime(Date.from(expires))
        .jwtID(UUID.randomUUID().toString());
  }

  static String sign(SigningKey key, JWTClaimsSet claims) {
    try {
      var jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.kid())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key.key()));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code alg: none}: a token anyone can write. */
  static String unsigned(JWTClaimsSet claims) {
    var encoder = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + encoder.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  /** The key accounts signs with now, as stored in its database (operators can read it). */
  static SigningKey accountsCurrentKey() throws Exception {
    try (var connection = Databases.connect("accounts");
        var statement =
            connection.prepareStatement(
                "SELECT kid, private_key FROM signing_keys WHERE retires_at IS NULL"
                    + " ORDER BY created_at DESC LIMIT 1");
        var rows = statement.executeQuery()) {
      if (!rows.next()) {
        throw new IllegalStateException("accounts has no signing key");
      }
      byte[] pkcs8 = Base64.getDecoder().decode(rows.getString("private_key"));
      return new SigningKey(
          rows.getString("kid"),
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    }
  }

  /** The key ids accounts publishes now. */
  static List<String> publishedKids() {
    var keys = Router.JSON.readTree(Router.get(JWKS)).path("keys");
    return keys.findValuesAsString("kid");
  }

  static String kidOf(String token) {
    try {
      return SignedJWT.parse(token).getHeader().getKeyID();
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
