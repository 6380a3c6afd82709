package dev.storefront.accounts.login;

import static dev.storefront.accounts.TestUsers.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.accounts.TestUsers;
import dev.storefront.testsupport.GraphQlErrors;
import dev.storefront.testsupport.SubgraphTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

@SubgraphTest
class LoginTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired DatabaseClient database;

  /** Counter keys this test may have created, removed afterwards. */
  private final List<String> keys = new CopyOnWriteArrayList<>();

  @AfterEach
  void removeCounters() {
    if (!keys.isEmpty()) {
      redis.delete(Flux.fromIterable(keys)).block();
    }
  }

  @Test
  void signsInWithEmailInAnyCaseAndPassword() {
    var user = TestUsers.register(graphQl);
    var response = login(TestUsers.uniqueClientAddress(), user.email().toUpperCase(), PASSWORD);
    response.path("login.user.id").entity(String.class).isEqualTo(user.id());
    response.path("login.user.email").entity(String.class).isEqualTo(user.email());
    response.path("login.tokenType").entity(String.class).isEqualTo("Bearer");
    response
        .path("login.refreshToken")
        .entity(String.class)
        .satisfies(token -> assertThat(token).hasSize(43).isNotEqualTo(user.refreshToken()));
  }

  @Test
  void demoUsersAndTheAdministratorSignInWithTheirDemoPasswords() {
    String address = TestUsers.uniqueClientAddress();
    String email =
        database
            .sql("SELECT email FROM users WHERE id = 32")
            .map(row -> row.get(0, String.class))
            .one()
            .block();
    login(address, email, "storefront-demo")
        .path("login.user.id")
        .entity(String.class)
        .isEqualTo("32");
    login(address, TestUsers.ADMIN_EMAIL, TestUsers.ADMIN_PASSWORD)
        .path("login.user.displayName")
        .entity(String.class)
        .isEqualTo("Store Admin");
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
    var user = TestUsers.register(graphQl);
    String address = TestUsers.uniqueClientAddress();
    String unknown = TestUsers.uniqueEmail();
    ResponseError wrongPassword = singleError(login(address, user.email(), "not the password"));
    ResponseError unknownEmail = singleError(login(address, unknown, PASSWORD));
    for (ResponseError error : List.of(wrongPassword, unknownEmail)) {
      assertThat(error.getMessage()).isEqualTo("email or password is wrong");
      assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED");
    }
    assertThat(wrongPassword.getExtensions()).isEqualTo(unknownEmail.getExtensions());
    assertThat(wrongPassword.getPath()).isEqualTo(unknownEmail.getPath());
  }

  @Test
  void everyCharacterOfALongPasswordCounts() {
    String email = TestUsers.uniqueEmail();
    String password = "ü".repeat(127) + "a";
    graphQl
        .document(TestUsers.REGISTER)
        .variable("input", Map.of("email", email, "password", password, "displayName", "Long"))
        .execute()
        .path("register.user.id")
        .hasValue();
    String address = TestUsers.uniqueClientAddress();
    GraphQlErrors.expectCode(login(address, email, "ü".repeat(127) + "b"), "UNAUTHENTICATED");
    login(address, email, password).path("login.accessToken").hasValue();
  }

  @Test
  void locksAnAccountAfterFiveFailuresEvenForTheRightPassword() {
    var user = TestUsers.register(graphQl);
    String address = TestUsers.uniqueClientAddress();
    for (int i = 0; i < 5; i++) {
      GraphQlErrors.expectCode(login(address, user.email(), "wrong password"), "UNAUTHENTICATED");
    }
    expectLockedOut(login(address, user.email(), PASSWORD));
    assertThat(redis.getExpire(LoginFailures.accountKey(user.email())).block())
        .as("the window runs from the first failure")
        .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
    // From another address too: the limit is the account's.
    expectLockedOut(login(TestUsers.uniqueClientAddress(), user.email(), PASSWORD));
    // Other accounts from the same address are not affected.
    var other = TestUsers.register(graphQl);
    login(address, other.email(), PASSWORD)
        .path("login.user.id")
        .entity(String.class)
        .isEqualTo(other.id());
  }

  @Test
  void aSuccessfulSignInStartsTheAccountsCountAfreshButNotTheAddresss() {
    var user = TestUsers.register(graphQl);
    String address = TestUsers.uniqueClientAddress();
    for (int i = 0; i < 4; i++) {
      GraphQlErrors.expectCode(login(address, user.email(), "wrong password"), "UNAUTHENTICATED");
    }
    login(address, user.email(), PASSWORD).path("login.accessToken").hasValue();
    for (int i = 0; i < 4; i++) {
      GraphQlErrors.expectCode(login(address, user.email(), "wrong password"), "UNAUTHENTICATED");
    }
    login(address, user.email(), PASSWORD).path("login.accessToken").hasValue();
    assertThat(redis.hasKey(LoginFailures.accountKey(user.email())).block()).isFalse();
    assertThat(redis.opsForValue().get(LoginFailures.addressKey(address)).block())
        .as("the address's failures stay; its successes do not count")
        .isEqualTo("8");
  }

  @Test
  void aBurstOfConcurrentGuessesGetsNoMoreTriesThanTheLimit() {
    var user = TestUsers.register(graphQl);
    String address = TestUsers.uniqueClientAddress();
    List<CompletableFuture<String>> attempts = new ArrayList<>();
    try (var threads = Executors.newFixedThreadPool(12)) {
      for (int i = 0; i < 12; i++) {
        attempts.add(
            CompletableFuture.supplyAsync(
                () -> singleError(login(address, user.email(), "guess")).getMessage(), threads));
      }
    }
    List<String> answers = attempts.stream().map(CompletableFuture::join).toList();
    assertThat(answers).filteredOn("email or password is wrong"::equals).hasSize(5);
    assertThat(answers).filteredOn(m -> m.startsWith("too many failed sign-ins")).hasSize(7);
  }

  @Test
  void locksAClientAddressAfterFiftyFailuresAcrossAccounts() {
    var user = TestUsers.register(graphQl);
    String address = TestUsers.uniqueClientAddress();
    for (int i = 0; i < 50; i++) {
      GraphQlErrors.expectCode(
          login(address, TestUsers.uniqueEmail(), "guessing"), "UNAUTHENTICATED");
    }
    // Refused for an account that never failed, with the right password.
    expectLockedOut(login(address, user.email(), PASSWORD));
    // The same account from elsewhere signs in.
    login(TestUsers.uniqueClientAddress(), user.email(), PASSWORD)
        .path("login.user.id")
        .entity(String.class)
        .isEqualTo(user.id());
  }

  @Test
  void aHugeEmailIsBadInputAndLeavesNoKeyOfItsSize() {
    String address = TestUsers.uniqueClientAddress();
    String huge = "a".repeat(200_000) + "@example.com";
    GraphQlErrors.expectBadUserInput(login(address, huge, "wrong password"), "email");
    assertThat(redis.hasKey(LoginFailures.accountKey(huge.toLowerCase())).block()).isFalse();
    // An email at the limit is counted, under a key of fixed length.
    String longest = "b".repeat(254 - "@example.com".length()) + "@example.com";
    GraphQlErrors.expectCode(login(address, longest, "wrong password"), "UNAUTHENTICATED");
    String key = LoginFailures.accountKey(longest);
    assertThat(redis.opsForValue().get(key).block()).isEqualTo("1");
    assertThat(key).hasSizeLessThan(100);
    assertThat(LoginFailures.addressKey("x".repeat(10_000))).hasSizeLessThan(100);
  }

  @Test
  void withoutAClientAddressOnlyTheAccountIsCounted() {
    var user = TestUsers.register(graphQl);
    keys.add(LoginFailures.accountKey(user.email()));
    for (int i = 0; i < 5; i++) {
      GraphQlErrors.expectCode(
          TestUsers.login(graphQl, user.email(), "wrong password"), "UNAUTHENTICATED");
    }
    expectLockedOut(TestUsers.login(graphQl, user.email(), PASSWORD));
    assertThat(redis.opsForValue().get(LoginFailures.accountKey(user.email())).block())
        .isEqualTo("5");
  }

  private GraphQlTester.Response login(String address, String email, String password) {
    keys.add(LoginFailures.accountKey(email.toLowerCase()));
    keys.add(LoginFailures.addressKey(address));
    return TestUsers.login(TestUsers.from(graphQl, address), email, password);
  }

  private static void expectLockedOut(GraphQlTester.Response response) {
    ResponseError error = singleError(response);
    assertThat(error.getExtensions()).containsEntry("code", "TOO_MANY_REQUESTS");
    assertThat(((Number) error.getExtensions().get("retryAfterSeconds")).longValue())
        .isBetween(1L, 15 * 60L);
    assertThat(error.getMessage()).doesNotContain("password is wrong");
  }

  private static ResponseError singleError(GraphQlTester.Response response) {
    List<ResponseError> errors = new ArrayList<>();
    response.errors().satisfy(errors::addAll);
    assertThat(errors).hasSize(1);
    return errors.getFirst();
  }
}
