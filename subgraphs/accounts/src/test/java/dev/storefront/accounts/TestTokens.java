package dev.storefront.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.List;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The JWKS as the router fetches it, and access tokens checked against it. */
public final class TestTokens {

  public static final String JWKS_PATH = "/.well-known/jwks.json";

  private TestTokens() {}

  public static JWKSet jwks(WebTestClient web) {
    String body =
        web.get()
            .uri(JWKS_PATH)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    try {
      return JWKSet.parse(body);
    } catch (ParseException e) {
      throw new AssertionError("the JWKS is not a JWK Set: " + body, e);
    }
  }

  public static List<String> publishedKids(WebTestClient web) {
    return jwks(web).getKeys().stream().map(key -> key.getKeyID()).toList();
  }

  /** The token, after checking that a published key verifies its signature. */
  public static SignedJWT verified(WebTestClient web, String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      var key = jwks(web).getKeyByKeyId(jwt.getHeader().getKeyID());
      assertThat(key).as("published key %s", jwt.getHeader().getKeyID()).isNotNull();
      assertThat(key.isPrivate()).as("the JWKS holds public keys only").isFalse();
      assertThat(jwt.verify(new RSASSAVerifier((RSAKey) key))).as("signature verifies").isTrue();
      return jwt;
    } catch (ParseException | JOSEException e) {
      throw new AssertionError("not a verifiable JWT: " + token, e);
    }
  }

  public static String kidOf(String token) {
    try {
      return SignedJWT.parse(token).getHeader().getKeyID();
    } catch (ParseException e) {
      throw new AssertionError("not a JWT: " + token, e);
    }
  }
}
