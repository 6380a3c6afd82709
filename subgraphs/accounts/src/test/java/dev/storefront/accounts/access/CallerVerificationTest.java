package dev.storefront.accounts.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.storefront.accounts.TestUsers;
import dev.storefront.graphql.access.RouterOnlyFilter;
import dev.storefront.graphql.testing.RouterOnlyPaths;
import dev.storefront.testsupport.SubgraphRefusals;
import dev.storefront.testsupport.SubgraphTest;
import dev.storefront.testsupport.TestAccessTokens;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What an attacker inside the network gets from accounts by calling it directly: nothing without
 * the router's credential on any spelling of the path, and nothing from identity headers or tokens
 * accounts did not sign, even with the credential.
 */
@SubgraphTest
@TestPropertySource(properties = "storefront.router.shared-secret=" + CallerVerificationTest.SECRET)
class CallerVerificationTest {

  static final String SECRET = "s3cret-for-this-test";
  static final Map<String, String> USERS_EMAILS =
      Map.of("query", "{ users(first: 5) { edges { node { id email } } } }");

  @Autowired WebTestClient web;
  @LocalServerPort int port;

  /** The path exactly as written, not encoded again on the way. */
  URI at(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  WebTestClient.ResponseSpec post(String path, Consumer<HttpHeaders> headers) {
    return web.post()
        .uri(at(path))
        .contentType(MediaType.APPLICATION_JSON)
        .headers(headers)
        .bodyValue(USERS_EMAILS)
        .exchange();
  }

  static Consumer<HttpHeaders> forged(boolean withSecret) {
    return headers -> {
      headers.set("x-user-id", TestUsers.ADMIN_ID);
      headers.set("x-user-scopes", "admin");
      if (withSecret) {
        headers.set(RouterOnlyFilter.HEADER, SECRET);
      }
    };
  }

  static Consumer<HttpHeaders> bearer(String token) {
    return headers -> {
      headers.set(RouterOnlyFilter.HEADER, SECRET);
      headers.setBearerAuth(token);
    };
  }

  /** The shared spellings, and one more parameter spelling. */
  static Stream<String> closedSpellings() {
    return Stream.concat(RouterOnlyPaths.closed().stream(), Stream.of("/graphql;a"));
  }

  @ParameterizedTest
  @MethodSource("closedSpellings")
  void withoutTheRoutersCredentialEverySpellingIsRefused(String path) {
    SubgraphRefusals.expectUnauthenticated(post(path, forged(false)));
  }

  @Test
  void identityHeadersGiveNothingEvenWithTheCredential() {
    post("/graphql", forged(true))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("UNAUTHENTICATED")
        .jsonPath("$.data.users")
        .doesNotExist();
    web.post()
        .uri(at("/graphql"))
        .contentType(MediaType.APPLICATION_JSON)
        .headers(forged(true))
        .bodyValue(Map.of("query", "{ user(id: \"17\") { email } me { id } }"))
        .exchange()
        .expectBody()
        .jsonPath("$.data.user.email")
        .isEmpty()
        .jsonPath("$.data.me")
        .isEmpty();
  }

  @Test
  void aVerifiedAdministratorTokenWithTheCredentialIsServed() {
    post("/graphql", bearer(TestAccessTokens.mint(TestUsers.ADMIN_ID, "admin")))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.errors")
        .doesNotExist()
        .jsonPath("$.data.users.edges[0].node.email")
        .isNotEmpty();
  }

  static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(new PlainHeader(), claims).serialize();
  }

  static String hs256(JWTClaimsSet claims) throws Exception {
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(TestAccessTokens.publicKey().getEncoded()));
    return jwt.serialize();
  }

  @Test
  void tokensAccountsDidNotSignOrThatAreNotForThisPlatformAre401() throws Exception {
    Instant now = Instant.now();
    var admin = TestAccessTokens.claims(TestUsers.ADMIN_ID, "admin").build();
    var refused =
        Map.of(
            "another key",
            TestAccessTokens.sign(TestAccessTokens.generate("test-signing-key"), admin),
            "expired",
            TestAccessTokens.mint(
                TestUsers.ADMIN_ID,
                c ->
                    c.issueTime(Date.from(now.minusSeconds(3600)))
                        .notBeforeTime(Date.from(now.minusSeconds(3600)))
                        .expirationTime(Date.from(now.minusSeconds(60))),
                "admin"),
            "another audience",
            TestAccessTokens.mint(TestUsers.ADMIN_ID, c -> c.audience("elsewhere"), "admin"),
            "another issuer",
            TestAccessTokens.mint(TestUsers.ADMIN_ID, c -> c.issuer("evil"), "admin"),
            "alg none",
            unsigned(admin),
            "HS256",
            hs256(admin),
            "not a JWT",
            "garbage",
            "not a bearer token's syntax",
            "two words");
    refused.forEach((what, token) ->
        SubgraphRefusals.expectUnauthenticated(
            post("/graphql", bearer(token))
                .expectHeader()
                .value(
                    HttpHeaders.WWW_AUTHENTICATE,
                    value ->
                        assertThat(value).as(what).startsWith("Bearer error=\"invalid_token\""))));
  }

  @ParameterizedTest
  @MethodSource("dev.storefront.graphql.testing.RouterOnlyPaths#open")
  void healthMetricsAndTheJwksStayOpen(String path) {
    web.get().uri(at(path)).exchange().expectStatus().isOk();
  }
}
