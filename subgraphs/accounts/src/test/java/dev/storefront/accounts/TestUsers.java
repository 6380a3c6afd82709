package dev.storefront.accounts;

import dev.storefront.graphql.identity.CurrentUser;
import dev.storefront.testsupport.RouterRequests;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Accounts of the tests' own (a unique email each) and requests as the router sends them. */
public final class TestUsers {

  public static final String PASSWORD = "correct horse battery";
  public static final String ADMIN_ID = "1001";
  public static final String ADMIN_EMAIL = "admin@example.com";
  public static final String ADMIN_PASSWORD = "storefront-admin";

  public static final String AUTH_FIELDS =
      "accessToken tokenType expiresIn refreshToken refreshTokenExpiresAt"
          + " user { id email displayName createdAt }";
  public static final String REGISTER =
      "mutation($input: RegisterInput!) { register(input: $input) { " + AUTH_FIELDS + " } }";
  public static final String LOGIN =
      "mutation($email: String!, $password: String!) { login(email: $email, password: $password)"
          + " { "
          + AUTH_FIELDS
          + " } }";
  public static final String REFRESH =
      "mutation($t: String!) { refreshToken(refreshToken: $t) { " + AUTH_FIELDS + " } }";
  public static final String LOGOUT = "mutation($t: String!) { logout(refreshToken: $t) }";

  /** A registered user and the tokens of their sign-in. */
  public record Registered(String id, String email, String accessToken, String refreshToken) {}

  private TestUsers() {}

  public static String uniqueEmail() {
    return "test-" + UUID.randomUUID() + "@example.com";
  }

  /** An address in 10.0.0.0/8 for one test's attempts, so counters of other tests never mix. */
  public static String uniqueClientAddress() {
    var random = ThreadLocalRandom.current();
    return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }

  public static Registered register(HttpGraphQlTester graphQl, String email) {
    var response =
        graphQl
            .document(REGISTER)
            .variable(
                "input", Map.of("email", email, "password", PASSWORD, "displayName", "Test User"))
            .execute();
    return new Registered(
        response.path("register.user.id").entity(String.class).get(),
        email,
        response.path("register.accessToken").entity(String.class).get(),
        response.path("register.refreshToken").entity(String.class).get());
  }

  public static Registered register(HttpGraphQlTester graphQl) {
    return register(graphQl, uniqueEmail());
  }

  public static GraphQlTester.Response login(
      HttpGraphQlTester graphQl, String email, String password) {
    return graphQl
        .document(LOGIN)
        .variable("email", email)
        .variable("password", password)
        .execute();
  }

  /** Requests the router sends for a signed-in user with these scopes (a verified token). */
  public static HttpGraphQlTester as(HttpGraphQlTester graphQl, String userId, String... scopes) {
    return RouterRequests.as(graphQl, userId, scopes);
  }

  public static HttpGraphQlTester admin(HttpGraphQlTester graphQl) {
    return as(graphQl, ADMIN_ID, CurrentUser.ADMIN_SCOPE);
  }

  /** Requests the router sends for a client at this address. */
  public static HttpGraphQlTester from(HttpGraphQlTester graphQl, String clientAddress) {
    return RouterRequests.from(graphQl, clientAddress);
  }
}
