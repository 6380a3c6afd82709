package dev.storefront.accounts.signingkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.accounts.TestTokens;
import dev.storefront.accounts.TestUsers;
import dev.storefront.testsupport.GraphQlErrors;
import dev.storefront.testsupport.SubgraphTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

@SubgraphTest
class SigningKeyRotationTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient database;
  @Autowired SigningKeys keys;
  @Autowired KeyRotationSchedule schedule;
  @Autowired SigningKeyGenerator generator;
  @Autowired SigningKeyStore store;

  static final String ROTATE = "mutation { rotateSigningKey { id algorithm createdAt } }";

  @Test
  void onlyAdministratorsRotate() {
    GraphQlErrors.expectCode(graphQl.document(ROTATE).execute(), "UNAUTHENTICATED");
    var user = TestUsers.register(graphQl);
    GraphQlErrors.expectCode(
        TestUsers.as(graphQl, user.id()).document(ROTATE).execute(), "FORBIDDEN");
  }

  @Test
  void afterARotationTheNewKeySignsAndBothKeysArePublished() {
    var user = TestUsers.register(graphQl);
    String before = signIn(user.email());
    String oldKid = TestTokens.kidOf(before);

    var rotated = TestUsers.admin(graphQl).document(ROTATE).execute();
    String newKid = rotated.path("rotateSigningKey.id").entity(String.class).get();
    rotated.path("rotateSigningKey.algorithm").entity(String.class).isEqualTo("RS256");
    rotated
        .path("rotateSigningKey.createdAt")
        .entity(OffsetDateTime.class)
        .satisfies(created -> assertThat(created).isAfter(OffsetDateTime.now().minusMinutes(1)));
    assertThat(newKid).isNotEqualTo(oldKid);

    // At once, without waiting for the in-memory key cache to expire.
    assertThat(TestTokens.publishedKids(web)).contains(oldKid, newKid);
    String after = signIn(user.email());
    assertThat(TestTokens.kidOf(after)).isEqualTo(newKid);
    assertThat(currentKid()).isEqualTo(newKid);
    // Tokens signed before the rotation still verify until they expire.
    TestTokens.verified(web, before);
    TestTokens.verified(web, after);

    OffsetDateTime retires =
        database
            .sql("SELECT retires_at FROM signing_keys WHERE kid = :kid")
            .bind("kid", oldKid)
            .map(row -> row.get(0, OffsetDateTime.class))
            .one()
            .block();
    assertThat(retires)
        .as("published for one access-token lifetime plus a minute of clock skew")
        .isBetween(
            OffsetDateTime.now().plusMinutes(15),
            OffsetDateTime.now().plusMinutes(16).plusSeconds(5));
  }

  @Test
  void retiredKeysLeaveTheJwksAndNewKeysJoinItAtOnce() {
    TestUsers.admin(graphQl).document(ROTATE).execute().path("rotateSigningKey.id").hasValue();
    String retired =
        database
            .sql(
                "UPDATE signing_keys SET retires_at = now() - interval '1 second'"
                    + " WHERE kid = (SELECT kid FROM signing_keys WHERE retires_at IS NOT NULL"
                    + " ORDER BY retires_at DESC LIMIT 1) RETURNING kid")
            .map(row -> row.get(0, String.class))
            .one()
            .block();
    assertThat(TestTokens.publishedKids(web)).doesNotContain(retired).contains(currentKid());

    // A key another instance created is published here without delay.
    String other = keyOfAnotherInstance();
    assertThat(TestTokens.publishedKids(web)).contains(other);
  }

  @Test
  void aKeyIsReplacedOnceItComesOfAgeByOneInstanceOnly() {
    String old = currentKid();
    assertThat(keys.replaceIfOlderThan(Duration.ofDays(30)).blockOptional())
        .as("a young key stays")
        .isEmpty();
    database
        .sql("UPDATE signing_keys SET created_at = created_at - interval '31 days' WHERE kid = :k")
        .bind("k", old)
        .then()
        .block();
    // Two instances checking at once: the lock and the re-check let only one rotate.
    List<Optional<SigningKey>> results =
        Mono.zip(
                keys.replaceIfOlderThan(Duration.ofDays(30))
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty()),
                keys.replaceIfOlderThan(Duration.ofDays(30))
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty()))
            .map(pair -> List.of(pair.getT1(), pair.getT2()))
            .block();
    assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
    assertThat(currentKid()).isNotEqualTo(old);
    assertThat(TestTokens.publishedKids(web)).contains(old, currentKid());
  }

  @Test
  void theScheduledCheckRotatesAnAgedKeyAndDeletesLongRetiredOnes() {
    String young = currentKid();
    schedule.runOnce().block();
    assertThat(currentKid()).as("a young key stays").isEqualTo(young);

    database
        .sql("UPDATE signing_keys SET created_at = created_at - interval '31 days' WHERE kid = :k")
        .bind("k", young)
        .then()
        .block();
    schedule.runOnce().block();
    String next = currentKid();
    assertThat(next).isNotEqualTo(young);

    database
        .sql("UPDATE signing_keys SET retires_at = now() - interval '2 days' WHERE kid = :k")
        .bind("k", young)
        .then()
        .block();
    schedule.runOnce().block();
    assertThat(
            database
                .sql("SELECT count(*) FROM signing_keys WHERE kid = :k")
                .bind("k", young)
                .map(row -> row.get(0, Long.class))
                .one()
                .block())
        .isZero();
    assertThat(currentKid()).isEqualTo(next);
  }

  /** What another instance's rotation leaves in the table, unknown to this instance's memory. */
  private String keyOfAnotherInstance() {
    NewSigningKey key = generator.generate().block();
    return store
        .replaceCurrentIf(key, Duration.ZERO, Duration.ofMinutes(16))
        .map(SigningKey::id)
        .block();
  }

  private String signIn(String email) {
    return TestUsers.login(graphQl, email, TestUsers.PASSWORD)
        .path("login.accessToken")
        .entity(String.class)
        .get();
  }

  /** The key an operator (or the end-to-end tests) would read as the current one. */
  private String currentKid() {
    return database
        .sql(
            "SELECT kid, private_key FROM signing_keys WHERE retires_at IS NULL"
                + " ORDER BY created_at DESC LIMIT 1")
        .map(row -> row.get("kid", String.class))
        .one()
        .block();
  }
}
