package dev.storefront.e2e;

import static dev.storefront.e2e.JsonNodes.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Accounts' sign-in life cycle through the router: tokens, refresh, logout, brute force. */
class AuthenticationFlowTest {

  static final String PASSWORD = "correct horse battery";

  static Router.Response as(String accessToken, String query, Map<String, Object> variables) {
    return Router.post(query, variables, Map.of("authorization", "Bearer " + accessToken));
  }

  static Router.Response refresh(String refreshToken) {
    return Router.post(
        "mutation($t: String!) { refreshToken(refreshToken: $t) { " + Accounts.AUTH_FIELDS + " } }",
        Map.of("t", refreshToken));
  }

  @Test
  void aNewAccountSignsInAndSeesItself() {
    JsonNode session = Accounts.register("Grace Test", PASSWORD);
    assertThat(session.path("tokenType").asString()).isEqualTo("Bearer");
    assertThat(session.path("expiresIn").asInt()).isBetween(60, 900);
    String userId = session.at("/user/id").asString();

    var me =
        as(
            session.path("accessToken").asString(),
            "{ me { id email displayName addresses { id } } }",
            Map.of());
    assertThat(Commerce.ok(me).at("/me/id").asString()).isEqualTo(userId);
    assertThat(me.data().at("/me/displayName").asString()).isEqualTo("Grace Test");

    var again = Accounts.login(session.at("/user/email").asString(), PASSWORD, Map.of());
    assertThat(Commerce.ok(again).at("/login/user/id").asString()).isEqualTo(userId);

    var duplicate =
        Router.post(
            "mutation($i: RegisterInput!) { register(input: $i) { accessToken } }",
            Map.of(
                "i",
                Map.of(
                    "email",
                    session.at("/user/email").asString().toUpperCase(),
                    "password",
                    PASSWORD,
                    "displayName",
                    "Copy")));
    assertThat(code(duplicate)).isEqualTo("CONFLICT");
    var weak =
        Router.post(
            "mutation($i: RegisterInput!) { register(input: $i) { accessToken } }",
            Map.of(
                "i",
                Map.of(
                    "email", "e2e-" + UUID.randomUUID() + "@example.com",
                    "password", "short",
                    "displayName", "Weak")));
    assertThat(code(weak)).isEqualTo("BAD_USER_INPUT");
  }

  @Test
  void refreshRotatesAndAReplayedRefreshTokenEndsTheWholeSignIn() {
    JsonNode session = Accounts.register("Refresh Test", PASSWORD);
    String first = session.path("refreshToken").asString();

    JsonNode rotated = Commerce.ok(refresh(first)).path("refreshToken");
    String second = rotated.path("refreshToken").asString();
    assertThat(second).isNotEqualTo(first);
    var fresh = as(rotated.path("accessToken").asString(), "{ me { id } }", Map.of());
    assertThat(Commerce.ok(fresh).at("/me/id").asString())
        .isEqualTo(session.at("/user/id").asString());

    // Someone replays the spent token (stolen earlier): refused, and the legitimate successor
    // stops working too, so the thief's and the user's sessions both end.
    assertThat(code(refresh(first))).isEqualTo("UNAUTHENTICATED");
    assertThat(code(refresh(second))).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void logoutEndsTheSignIn() {
    JsonNode session = Accounts.register("Logout Test", PASSWORD);
    String refreshToken = session.path("refreshToken").asString();
    var logout =
        Router.post(
            "mutation($t: String!) { logout(refreshToken: $t) }", Map.of("t", refreshToken));
    assertThat(Commerce.ok(logout).path("logout").asBoolean()).isTrue();
    assertThat(code(refresh(refreshToken))).isEqualTo("UNAUTHENTICATED");
    assertThat(code(refresh("never-issued-" + UUID.randomUUID()))).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
    var from = Accounts.fromAddress(Accounts.testAddress());
    JsonNode session = Accounts.register("Same Answer", PASSWORD);
    var wrongPassword =
        Accounts.login(session.at("/user/email").asString(), "not the password", from);
    var unknownEmail =
        Accounts.login("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD, from);
    assertThat(code(wrongPassword)).isEqualTo("UNAUTHENTICATED");
    assertThat(code(unknownEmail)).isEqualTo("UNAUTHENTICATED");
    assertThat(wrongPassword.errors().path(0).path("message").asString())
        .isEqualTo(unknownEmail.errors().path(0).path("message").asString());
  }

  @Test
  void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
    JsonNode session = Accounts.register("Locked Out", PASSWORD);
    String email = session.at("/user/email").asString();
    var attacker = Accounts.fromAddress(Accounts.testAddress());
    for (int i = 0; i < 5; i++) {
      assertThat(code(Accounts.login(email, "guess-" + i, attacker))).isEqualTo("UNAUTHENTICATED");
    }
    var locked = Accounts.login(email, PASSWORD, attacker);
    assertThat(code(locked)).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(locked.errors().path(0).at("/extensions/retryAfterSeconds").asInt()).isPositive();
    // Per account, not per address: the lock holds wherever the next attempt comes from.
    var elsewhere = Accounts.login(email, PASSWORD, Accounts.fromAddress("198.51.100.23"));
    assertThat(code(elsewhere)).isEqualTo("TOO_MANY_REQUESTS");
    // The issued tokens still work: locking sign-in does not sign the user out.
    var me = as(session.path("accessToken").asString(), "{ me { id } }", Map.of());
    assertThat(Commerce.ok(me).at("/me/id").asString())
        .isEqualTo(session.at("/user/id").asString());
  }

  @Test
  void oneAddressGuessingManyAccountsIsStopped() {
    JsonNode victim = Accounts.register("Sprayed", PASSWORD);
    String address = "192.0.2." + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
    var sprayer = Accounts.fromAddress(address);
    String refused = null;
    for (int i = 0; i < 60 && refused == null; i++) {
      var attempt =
          Accounts.login("spray-" + UUID.randomUUID() + "@example.com", "password1", sprayer);
      if ("TOO_MANY_REQUESTS".equals(code(attempt))) {
        refused = attempt.raw();
      } else {
        assertThat(code(attempt)).isEqualTo("UNAUTHENTICATED");
      }
    }
    assertThat(refused).as("refused within 60 failed attempts from one address").isNotNull();
    assertThat(code(Accounts.login(victim.at("/user/email").asString(), PASSWORD, sprayer)))
        .isEqualTo("TOO_MANY_REQUESTS");
    // The account itself is not locked: its owner signs in from their own address.
    var owner =
        Accounts.login(
            victim.at("/user/email").asString(), PASSWORD, Accounts.fromAddress("198.51.100.77"));
    assertThat(Commerce.ok(owner).at("/login/user/id").asString())
        .isEqualTo(victim.at("/user/id").asString());
  }

  @Test
  void addressesAndEmailsAreTheOwnersOnly() {
    JsonNode owner = Accounts.register("Address Owner", PASSWORD);
    JsonNode other = Accounts.register("Someone Else", PASSWORD);
    String ownerToken = owner.path("accessToken").asString();
    String otherToken = other.path("accessToken").asString();
    String ownerId = owner.at("/user/id").asString();

    Map<String, Object> home =
        Map.of(
            "label",
            "Home",
            "name",
            "Ada Lovelace",
            "line1",
            "12 Analytical Row",
            "postalCode",
            "10115",
            "city",
            "Berlin",
            "country",
            "DE");
    var added =
        as(
            ownerToken,
            "mutation($a: NewAddressInput!) { addAddress(input: $a) { id isDefault } }",
            Map.of("a", home));
    String addressId = Commerce.ok(added).at("/addAddress/id").asString();
    assertThat(added.data().at("/addAddress/isDefault").asBoolean()).isTrue();

    String query = "query($id: ID!) { user(id: $id) { email addresses { id city } } }";
    var own = as(ownerToken, query, Map.of("id", ownerId));
    assertThat(Commerce.ok(own).at("/user/email").asString())
        .isEqualTo(owner.at("/user/email").asString());
    assertThat(own.data().at("/user/addresses/0/city").asString()).isEqualTo("Berlin");

    var seenByOther = as(otherToken, query, Map.of("id", ownerId));
    assertThat(seenByOther.data().at("/user/email").isNull()).as(seenByOther.raw()).isTrue();
    assertThat(seenByOther.data().at("/user/addresses").size()).isZero();
    assertThat(seenByOther.raw())
        .doesNotContain("Berlin")
        .doesNotContain(owner.at("/user/email").asString());

    var anonymous =
        Router.post(
            "query($id: ID!) { user(id: $id) { displayName email } }", Map.of("id", ownerId));
    assertThat(anonymous.raw()).doesNotContain(owner.at("/user/email").asString());

    var stolenRemoval =
        as(otherToken, "mutation($id: ID!) { removeAddress(id: $id) }", Map.of("id", addressId));
    assertThat(code(stolenRemoval)).isEqualTo("NOT_FOUND");
    var ownRemoval =
        as(ownerToken, "mutation($id: ID!) { removeAddress(id: $id) }", Map.of("id", addressId));
    assertThat(Commerce.ok(ownRemoval).path("removeAddress").asBoolean()).isTrue();
  }

  @Test
  void signingKeysRotateWithoutSigningAnyoneOut() {
    String before = Accounts.token(Accounts.ADMIN);
    String oldKid = Tokens.kidOf(before);

    var refused = Commerce.as("873", "mutation { rotateSigningKey { id } }");
    assertThat(code(refused)).isEqualTo("FORBIDDEN");

    var rotated = Commerce.as(Accounts.ADMIN, "mutation { rotateSigningKey { id algorithm } }");
    String newKid = Commerce.ok(rotated).at("/rotateSigningKey/id").asString();
    assertThat(newKid).isNotEqualTo(oldKid);
    assertThat(rotated.data().at("/rotateSigningKey/algorithm").asString()).isEqualTo("RS256");
    assertThat(Tokens.publishedKids()).contains(oldKid, newKid);

    // A token signed before the rotation keeps working until it expires ...
    var withOldKey = as(before, "{ me { id } }", Map.of());
    assertThat(Commerce.ok(withOldKey).at("/me/id").asString()).isEqualTo("1001");
    // ... and one signed after it, with a key the router has not seen yet, works at once.
    var login = Accounts.login(Accounts.ADMIN_EMAIL, Accounts.ADMIN_PASSWORD, Map.of());
    String after = Commerce.ok(login).at("/login/accessToken").asString();
    assertThat(Tokens.kidOf(after)).isEqualTo(newKid);
    var withNewKey = as(after, "{ me { id } }", Map.of());
    assertThat(Commerce.ok(withNewKey).at("/me/id").asString()).isEqualTo("1001");
  }
}
