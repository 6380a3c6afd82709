package dev.storefront.accounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.storefront.accounts.TestTokens;
import dev.storefront.accounts.TestUsers;
import dev.storefront.testsupport.SubgraphTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

@SubgraphTest
class AccessTokenTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired WebTestClient web;

  @Test
  void theAccessTokenVerifiesAgainstThePublishedKeysWithTheAgreedClaims() throws Exception {
    var user = TestUsers.register(graphQl);
    String token =
        TestUsers.login(graphQl, user.email(), TestUsers.PASSWORD)
            .path("login.accessToken")
            .entity(String.class)
            .get();
    var jwt = TestTokens.verified(web, token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("storefront-accounts");
    assertThat(claims.getAudience()).isEqualTo(List.of("storefront"));
    assertThat(claims.getSubject()).isEqualTo(user.id());
    assertThat(claims.getStringClaim("scope")).isEmpty();
    assertThat(claims.getJWTID()).hasSize(36);
    Instant issued = claims.getIssueTime().toInstant();
    assertThat(issued).isBetween(Instant.now().minusSeconds(30), Instant.now().plusSeconds(1));
    assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(issued);
    assertThat(Duration.between(issued, claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void theAdministratorsTokenCarriesTheAdminScope() throws Exception {
    String token =
        TestUsers.login(
                TestUsers.from(graphQl, TestUsers.uniqueClientAddress()),
                TestUsers.ADMIN_EMAIL,
                TestUsers.ADMIN_PASSWORD)
            .path("login.accessToken")
            .entity(String.class)
            .get();
    var claims = TestTokens.verified(web, token).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(TestUsers.ADMIN_ID);
    assertThat(claims.getStringClaim("scope")).isEqualTo("admin");
  }

  @Test
  void theJwksPublishesPublicRs256SigningKeysForAWhile() {
    web.get()
        .uri(TestTokens.JWKS_PATH)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .cacheControl(
            org.springframework.http.CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic());
    var keys = TestTokens.jwks(web).getKeys();
    assertThat(keys).isNotEmpty();
    assertThat(keys)
        .allSatisfy(key -> {
          assertThat(key).isInstanceOf(RSAKey.class);
          assertThat(key.isPrivate()).isFalse();
          assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
          assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
          assertThat(key.getKeyID()).isNotBlank();
          assertThat(((RSAKey) key).size()).isEqualTo(2048);
        });
  }
}
