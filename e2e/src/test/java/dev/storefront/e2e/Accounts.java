package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Signing in through the router as the accounts subgraph's users: the demo shoppers (ids 1 to 1000,
 * password {@value #DEMO_PASSWORD}) and the demo administrator. Tokens are cached per user and
 * renewed shortly before they expire: they live 15 minutes, and a run of the chaos tests takes
 * longer than that.
 */
final class Accounts {

  static final String DEMO_PASSWORD = "storefront-demo";
  static final String ADMIN_EMAIL = "admin@example.com";
  static final String ADMIN_PASSWORD = "storefront-admin";
  static final String ADMIN = "admin";
  static final String AUTH_FIELDS =
      "accessToken tokenType expiresIn refreshToken refreshTokenExpiresAt user { id email }";

  /** Renewed when it has less than this left: no request goes out with a token about to expire. */
  private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

  private record SignedIn(String token, Instant expiresAt) {}

  private static final Map<String, SignedIn> TOKENS = new ConcurrentHashMap<>();
  private static volatile Map<String, String> demoEmails;

  private Accounts() {}

  /** A bearer token for demo user {@code userId}, or for the administrator ({@value #ADMIN}). */
  static String token(String userId) {
    return token(userId, RENEW_BEFORE_EXPIRY);
  }

  /**
   * A token that stays valid for at least {@code validFor}: a test that must not sign in while it
   * breaks the platform (a sign-in needs accounts and its database) signs its users in before.
   */
  static String token(String userId, Duration validFor) {
    // Not computeIfAbsent: signing in a shopper first signs in the administrator (to look up the
    // shopper's email), a nested update of the same map.
    SignedIn signedIn = TOKENS.get(userId);
    if (signedIn == null || signedIn.expiresAt().isBefore(Instant.now().plus(validFor))) {
      String email = ADMIN.equals(userId) ? ADMIN_EMAIL : demoEmail(userId);
      String password = ADMIN.equals(userId) ? ADMIN_PASSWORD : DEMO_PASSWORD;
      Instant askedAt = Instant.now();
      JsonNode answer = Commerce.ok(login(email, password, Map.of())).path("login");
      signedIn =
          new SignedIn(
              answer.path("accessToken").asString(),
              askedAt.plusSeconds(answer.path("expiresIn").asLong(0)));
      TOKENS.put(userId, signedIn);
    }
    return signedIn.token();
  }

  /** The next request of this user signs in again, as a client told UNAUTHENTICATED does. */
  static void forget(String userId) {
    TOKENS.remove(userId);
  }

  static Map<String, String> bearer(String userId) {
    return Map.of("authorization", "Bearer " + token(userId));
  }

  static Router.Response login(String email, String password, Map<String, String> headers) {
    return Router.post(
        "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { "
            + AUTH_FIELDS
            + " } }",
        Map.of("e", email, "p", password),
        headers);
  }

  /** A new account with a unique email; the answer's tokens and user. */
  static JsonNode register(String displayName, String password) {
    String email = "e2e-" + UUID.randomUUID() + "@example.com";
    var response =
        Router.post(
            "mutation($i: RegisterInput!) { register(input: $i) { " + AUTH_FIELDS + " } }",
            Map.of("i", Map.of("email", email, "password", password, "displayName", displayName)));
    JsonNode payload = Commerce.ok(response).path("register");
    assertThat(payload.at("/user/email").asString()).isEqualTo(email);
    return payload;
  }

  /** A client address nobody else uses, sent as X-Forwarded-For through a trusted proxy. */
  static Map<String, String> fromAddress(String address) {
    Map<String, String> headers = new HashMap<>();
    headers.put("x-forwarded-for", address);
    return headers;
  }

  /** A random address in TEST-NET-3 (RFC 5737): never a real client. */
  static String testAddress() {
    var random = java.util.concurrent.ThreadLocalRandom.current();
    return "203.0.113." + random.nextInt(1, 255) + "";
  }

  static String demoEmail(String userId) {
    if (demoEmails == null) {
      synchronized (Accounts.class) {
        if (demoEmails == null) {
          demoEmails = loadDemoEmails();
        }
      }
    }
    String email = demoEmails.get(userId);
    assertThat(email).as("demo user %s", userId).isNotNull();
    return email;
  }

  /** Emails are visible to administrators only: the administrator pages through the users. */
  private static Map<String, String> loadDemoEmails() {
    Map<String, String> emails = new HashMap<>();
    String after = null;
    do {
      Map<String, Object> variables = new HashMap<>();
      variables.put("after", after);
      JsonNode users =
          Commerce.ok(
                  Router.post(
                      "query($after: String) { users(first: 100, after: $after) {"
                          + " edges { node { id email } } pageInfo { hasNextPage endCursor } } }",
                      variables,
                      bearer(ADMIN)))
              .path("users");
      users
          .path("edges")
          .forEach(edge ->
              emails.put(edge.at("/node/id").asString(), edge.at("/node/email").asString()));
      after =
          users.at("/pageInfo/hasNextPage").asBoolean()
              ? users.at("/pageInfo/endCursor").asString()
              : null;
    } while (after != null);
    return Map.copyOf(emails);
  }
}
