package dev.storefront.accounts.registration;

import static dev.storefront.accounts.TestUsers.PASSWORD;
import static dev.storefront.accounts.TestUsers.REGISTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.accounts.TestTokens;
import dev.storefront.accounts.TestUsers;
import dev.storefront.testsupport.GraphQlErrors;
import dev.storefront.testsupport.SubgraphTest;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@SubgraphTest
class RegistrationTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient database;

  static final String ME = "{ me { id email displayName } }";

  @Test
  void registersSignsInAndKnowsTheUserAsMe() throws Exception {
    String email = TestUsers.uniqueEmail();
    var response =
        graphQl
            .document(REGISTER)
            .variable(
                "input",
                Map.of(
                    "email",
                    "  " + email.toUpperCase() + " ",
                    "password",
                    PASSWORD,
                    "displayName",
                    "  Ada Lovelace  "))
            .execute();
    String id = response.path("register.user.id").entity(String.class).get();
    response.path("register.user.email").entity(String.class).isEqualTo(email);
    response.path("register.user.displayName").entity(String.class).isEqualTo("Ada Lovelace");
    response.path("register.tokenType").entity(String.class).isEqualTo("Bearer");
    response.path("register.expiresIn").entity(Integer.class).isEqualTo(900);
    response
        .path("register.refreshTokenExpiresAt")
        .entity(OffsetDateTime.class)
        .satisfies(expires ->
            assertThat(expires)
                .isBetween(
                    OffsetDateTime.now().plusDays(30).minusMinutes(1),
                    OffsetDateTime.now().plusDays(30).plusMinutes(1)));
    String accessToken = response.path("register.accessToken").entity(String.class).get();
    var claims = TestTokens.verified(web, accessToken).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(id);
    assertThat(claims.getStringClaim("scope")).as("new users have no scopes").isEmpty();

    // With a token for this user (the router forwards the caller's), the user is "me".
    var me = TestUsers.as(graphQl, id).document(ME).execute();
    me.path("me.id").entity(String.class).isEqualTo(id);
    me.path("me.email").entity(String.class).isEqualTo(email);

    // Signing in with the registered password works too.
    TestUsers.login(graphQl, email, PASSWORD)
        .path("login.user.id")
        .entity(String.class)
        .isEqualTo(id);

    String hash =
        database
            .sql("SELECT password_hash FROM users WHERE id = :id")
            .bind("id", Long.parseLong(id))
            .map(row -> row.get(0, String.class))
            .one()
            .block();
    assertThat(hash).startsWith("$2a$10$").doesNotContain(PASSWORD);
  }

  @Test
  void meWithoutASignedInUserIsUnauthenticated() {
    GraphQlErrors.expectCode(graphQl.document(ME).execute(), "UNAUTHENTICATED");
  }

  @Test
  void anEmailCanOnlyBeRegisteredOnceWhateverItsCase() {
    String email = TestUsers.uniqueEmail();
    TestUsers.register(graphQl, email);
    var again =
        graphQl
            .document(REGISTER)
            .variable(
                "input",
                Map.of("email", email.toUpperCase(), "password", PASSWORD, "displayName", "Twin"))
            .execute();
    GraphQlErrors.expectCode(again, "CONFLICT");
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    expectBadInput(Map.of("email", "not-an-email"), "input.email");
    expectBadInput(Map.of("email", "two@@example.com"), "input.email");
    expectBadInput(Map.of("email", "a".repeat(250) + "@example.com"), "input.email");
    expectBadInput(Map.of("password", "too-short"), "input.password");
    expectBadInput(Map.of("password", "x".repeat(129)), "input.password");
    expectBadInput(Map.of("displayName", "   "), "input.displayName");
    expectBadInput(Map.of("displayName", "n".repeat(81)), "input.displayName");
  }

  @Test
  void limitsAreInclusiveAndCountCharactersNotBytes() {
    var response =
        graphQl
            .document(REGISTER)
            .variable(
                "input",
                Map.of(
                    "email", TestUsers.uniqueEmail(),
                    "password", "ü".repeat(128),
                    "displayName", "n".repeat(80)))
            .execute();
    response.path("register.user.displayName").entity(String.class).isEqualTo("n".repeat(80));
  }

  private void expectBadInput(Map<String, String> override, String argument) {
    Map<String, Object> input = new HashMap<>();
    input.put("email", TestUsers.uniqueEmail());
    input.put("password", PASSWORD);
    input.put("displayName", "Valid Name");
    input.putAll(override);
    GraphQlErrors.expectBadUserInput(
        graphQl.document(REGISTER).variable("input", input).execute(), argument);
  }
}
