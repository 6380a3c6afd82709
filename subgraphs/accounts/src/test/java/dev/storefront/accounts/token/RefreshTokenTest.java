package dev.storefront.accounts.token;

import static dev.storefront.accounts.TestUsers.LOGOUT;
import static dev.storefront.accounts.TestUsers.REFRESH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.accounts.TestTokens;
import dev.storefront.accounts.TestUsers;
import dev.storefront.testsupport.GraphQlErrors;
import dev.storefront.testsupport.SubgraphTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@SubgraphTest
class RefreshTokenTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient database;

  @Test
  void aRefreshTokenBuysNewTokensOnce() throws Exception {
    var user = TestUsers.register(graphQl);
    var response = refresh(user.refreshToken());
    String successor = response.path("refreshToken.refreshToken").entity(String.class).get();
    assertThat(successor).isNotEqualTo(user.refreshToken()).hasSize(43);
    response.path("refreshToken.user.id").entity(String.class).isEqualTo(user.id());
    response.path("refreshToken.user.email").entity(String.class).isEqualTo(user.email());
    String accessToken = response.path("refreshToken.accessToken").entity(String.class).get();
    assertThat(TestTokens.verified(web, accessToken).getJWTClaimsSet().getSubject())
        .isEqualTo(user.id());
    // The successor works in turn.
    refresh(successor).path("refreshToken.refreshToken").hasValue();
  }

  @Test
  void reusingASpentTokenEndsTheWholeSignIn() {
    var user = TestUsers.register(graphQl);
    String successor =
        refresh(user.refreshToken()).path("refreshToken.refreshToken").entity(String.class).get();

    var replay = refresh(user.refreshToken());
    GraphQlErrors.expectCode(replay, "UNAUTHENTICATED");
    // The successor, which a thief may hold, died with it.
    GraphQlErrors.expectCode(refresh(successor), "UNAUTHENTICATED");
    assertThat(unrevokedTokensOf(user.id())).isZero();

    // Other sign-ins of the same user are not affected.
    String other =
        TestUsers.login(graphQl, user.email(), TestUsers.PASSWORD)
            .path("login.refreshToken")
            .entity(String.class)
            .get();
    refresh(other).path("refreshToken.accessToken").hasValue();
  }

  @Test
  void ofTwoConcurrentRefreshesWithOneTokenExactlyOneSucceeds() throws Exception {
    var user = TestUsers.register(graphQl);
    var barrier = new CyclicBarrier(2);
    List<CompletableFuture<List<ResponseError>>> attempts = new ArrayList<>();
    try (var threads = Executors.newFixedThreadPool(2)) {
      for (int i = 0; i < 2; i++) {
        attempts.add(
            CompletableFuture.supplyAsync(
                () -> {
                  await(barrier);
                  var response = refresh(user.refreshToken());
                  List<ResponseError> errors = new ArrayList<>();
                  response.errors().satisfy(errors::addAll);
                  if (errors.isEmpty()) {
                    response.path("refreshToken.accessToken").hasValue();
                  }
                  return errors;
                },
                threads));
      }
    }
    List<List<ResponseError>> outcomes = attempts.stream().map(CompletableFuture::join).toList();
    assertThat(outcomes).filteredOn(List::isEmpty).hasSize(1);
    assertThat(outcomes)
        .filteredOn(errors -> !errors.isEmpty())
        .singleElement()
        .satisfies(errors ->
            assertThat(errors)
                .singleElement()
                .satisfies(error ->
                    assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
    assertThat(spentTokensOf(user.id())).isEqualTo(1);
  }

  @Test
  void logoutEndsTheSignIn() {
    var user = TestUsers.register(graphQl);
    String successor =
        refresh(user.refreshToken()).path("refreshToken.refreshToken").entity(String.class).get();
    graphQl
        .document(LOGOUT)
        .variable("t", successor)
        .execute()
        .path("logout")
        .entity(Boolean.class)
        .isEqualTo(true);
    GraphQlErrors.expectCode(refresh(successor), "UNAUTHENTICATED");
    assertThat(unrevokedTokensOf(user.id())).isZero();
  }

  @Test
  void logoutAnswersTrueForTokensThatAreNotOurs() {
    for (String token : List.of("no-such-token", "", "x".repeat(500))) {
      graphQl
          .document(LOGOUT)
          .variable("t", token)
          .execute()
          .path("logout")
          .entity(Boolean.class)
          .isEqualTo(true);
    }
  }

  @Test
  void unknownExpiredAndMalformedTokensAreUnauthenticated() {
    GraphQlErrors.expectCode(refresh("no-such-token"), "UNAUTHENTICATED");
    GraphQlErrors.expectCode(refresh(""), "UNAUTHENTICATED");
    GraphQlErrors.expectCode(refresh("x".repeat(500)), "UNAUTHENTICATED");

    var user = TestUsers.register(graphQl);
    database
        .sql(
            "UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = :u")
        .bind("u", Long.parseLong(user.id()))
        .then()
        .block();
    GraphQlErrors.expectCode(refresh(user.refreshToken()), "UNAUTHENTICATED");
  }

  @Test
  void onlyTheTokensHashIsStored() {
    var user = TestUsers.register(graphQl);
    byte[] stored =
        database
            .sql("SELECT token_hash FROM refresh_tokens WHERE user_id = :u")
            .bind("u", Long.parseLong(user.id()))
            .map(row -> row.get(0, byte[].class))
            .one()
            .block();
    assertThat(stored).isEqualTo(RefreshTokens.hash(user.refreshToken()).array());
  }

  private GraphQlTester.Response refresh(String token) {
    return graphQl.document(REFRESH).variable("t", token).execute();
  }

  private long unrevokedTokensOf(String userId) {
    return count("revoked_at IS NULL", userId);
  }

  private long spentTokensOf(String userId) {
    return count("used_at IS NOT NULL", userId);
  }

  private long count(String condition, String userId) {
    return database
        .sql("SELECT count(*) FROM refresh_tokens WHERE user_id = :u AND " + condition)
        .bind("u", Long.parseLong(userId))
        .map(row -> row.get(0, Long.class))
        .one()
        .block();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
