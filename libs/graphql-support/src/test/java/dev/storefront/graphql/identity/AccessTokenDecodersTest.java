package dev.storefront.graphql.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** The production decoder against a JWKS served over HTTP, as accounts serves it. */
class AccessTokenDecodersTest {

  static final String ISSUER = "storefront-accounts";
  static final String AUDIENCE = "storefront";

  static HttpServer jwksServer;
  static final AtomicInteger jwksFetches = new AtomicInteger();
  static final List<RSAKey> published = new CopyOnWriteArrayList<>();
  static RSAKey key;
  static ReactiveJwtDecoder decoder;

  @BeforeAll
  static void serveJwks() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("key-1").generate();
    published.add(key);
    jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwksServer.createContext(
        "/.well-known/jwks.json",
        exchange -> {
          jwksFetches.incrementAndGet();
          byte[] body =
              new JWKSet(
                      published.stream()
                          .map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK())
                          .toList())
                  .toString()
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("content-type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    jwksServer.start();
    decoder =
        AccessTokenDecoders.fromJwks(
            "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json",
            ISSUER,
            AUDIENCE);
  }

  @AfterAll
  static void stop() {
    jwksServer.stop(0);
  }

  static JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("42")
        .claim("scope", "admin")
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
  }

  static String signed(RSAKey with, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
    var jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(with.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            change.apply(claims()).build());
    jwt.sign(new RSASSASigner(with));
    return jwt.serialize();
  }

  void refused(String token) {
    assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
  }

  @Test
  void aTokenSignedByAPublishedKeyVerifies() throws Exception {
    var jwt = decoder.decode(signed(key, c -> c)).block();
    assertThat(jwt.getSubject()).isEqualTo("42");
    assertThat(jwt.getClaimAsString("scope")).isEqualTo("admin");
  }

  @Test
  void theKeySetIsFetchedOnceNotPerToken() throws Exception {
    decoder.decode(signed(key, c -> c)).block();
    int before = jwksFetches.get();
    for (int i = 0; i < 50; i++) {
      decoder.decode(signed(key, c -> c.subject("user-" + System.nanoTime()))).block();
    }
    assertThat(jwksFetches.get()).isEqualTo(before);
  }

  @Test
  void aKeyPublishedLaterWorksAtOnce() throws Exception {
    var rotated = new RSAKeyGenerator(2048).keyID("key-rotated").generate();
    published.add(rotated);
    assertThat(decoder.decode(signed(rotated, c -> c)).block().getSubject()).isEqualTo("42");
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() throws Exception {
    // Same kid as the published key: only the signature tells them apart.
    refused(signed(new RSAKeyGenerator(2048).keyID("key-1").generate(), c -> c));
    refused(signed(new RSAKeyGenerator(2048).keyID("unknown").generate(), c -> c));
  }

  @Test
  void expiredNotYetValidAndEverlastingTokensAreRefused() throws Exception {
    Instant now = Instant.now();
    refused(signed(key, c -> c.expirationTime(Date.from(now.minusSeconds(60)))));
    refused(signed(key, c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))));
    refused(signed(key, c -> c.expirationTime(null)));
  }

  @Test
  void anotherIssuerAudienceOrNoSubjectIsRefused() throws Exception {
    refused(signed(key, c -> c.issuer("someone-else")));
    refused(signed(key, c -> c.audience("another-platform")));
    refused(signed(key, c -> c.audience((String) null)));
    refused(signed(key, c -> c.subject(null)));
  }

  @Test
  void unsignedAndSymmetricTokensAreRefused() throws Exception {
    refused(new PlainJWT(new PlainHeader(), claims().build()).serialize());
    // HS256 keyed with the public key: the classic algorithm confusion.
    var hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
    byte[] secret = key.toPublicJWK().toRSAPublicKey().getEncoded();
    hs256.sign(new MACSigner(secret));
    refused(hs256.serialize());
    refused("not-a-jwt");
  }
}
