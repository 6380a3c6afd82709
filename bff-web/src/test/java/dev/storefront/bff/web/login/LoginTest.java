package dev.storefront.bff.web.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.web.BffWebTest;
import dev.storefront.bff.web.StubRouter;
import dev.storefront.bff.web.session.SessionCookies;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class LoginTest extends BffWebTest {

  @Test
  void signingInSetsAnHttpOnlySecureStrictHostCookieAndTheBrowserSeesNoToken() {
    Tokens tokens = newTokens(900);
    ROUTER.answer(id("Login"), StubRouter.json(authPayload("login", tokens)));

    var result =
        login()
            .bodyValue(CREDENTIALS)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .cacheControl(org.springframework.http.CacheControl.noStore())
            .expectBody(String.class)
            .returnResult();

    String setCookie = result.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE);
    // Attribute names are case-insensitive (Reactor Netty writes HTTPOnly).
    assertThat(setCookie)
        .startsWith(SessionCookies.NAME + "=")
        .containsIgnoringCase("; Path=/;")
        .containsIgnoringCase("; HttpOnly")
        .containsIgnoringCase("; Secure")
        .containsIgnoringCase("; SameSite=Strict")
        .doesNotContainIgnoringCase("Domain=");
    String cookie = result.getResponseCookies().getFirst(SessionCookies.NAME).getValue();
    assertThat(cookie).matches("[A-Za-z0-9_-]{43}");

    String body = result.getResponseBody();
    assertThat(body)
        .doesNotContain(tokens.accessToken())
        .doesNotContain(tokens.refreshToken())
        .doesNotContain("accessToken")
        .doesNotContain("refreshToken");
    JsonNode json = this.json.readTree(body);
    assertThat(json.path("user").path("id").asString()).isEqualTo("7");
    assertThat(json.path("user").path("displayName").asString()).isEqualTo("Ada Lovelace");
    assertThat(json.path("csrfToken").asString()).matches("[A-Za-z0-9_-]{43}");

    // The router was asked to sign in by the login operation's id, for the browser's address.
    var call = ROUTER.calls(id("Login")).getFirst();
    assertThat(call.body().has("query")).isFalse();
    assertThat(call.operationName()).isEqualTo("Login");
    assertThat(call.variables().path("email").asString()).isEqualTo("ada@example.org");
    assertThat(call.variables().path("password").asString()).isEqualTo("correct horse battery");
    assertThat(call.header("x-forwarded-for")).isEqualTo("127.0.0.1");
    assertThat(call.header("authorization")).isNull();

    // The tokens live in Redis, for at most the idle timeout.
    String stored = redis.opsForValue().get(KEYS + "session:" + cookie).block();
    assertThat(stored).contains(tokens.accessToken()).contains(tokens.refreshToken());
    Duration ttl = redis.getExpire(KEYS + "session:" + cookie).block();
    assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofHours(12));
  }

  @Test
  void theSessionEndpointTellsWhoIsSignedInAndTheCsrfToken() {
    Browser browser = signIn();

    session(browser)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.user.id")
        .isEqualTo("7")
        .jsonPath("$.user.displayName")
        .isEqualTo("Ada Lovelace")
        .jsonPath("$.csrfToken")
        .isEqualTo(browser.csrfToken());

    expectProblem(
        web.get().uri("/auth/session").exchange(), HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
  }

  @Test
  void anUnknownCookieIsNoSessionAndIsCleared() {
    var result =
        web.get()
            .uri("/auth/session")
            .cookie(SessionCookies.NAME, "x".repeat(43))
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectBody(String.class)
            .returnResult();
    assertThat(result.getResponseCookies().getFirst(SessionCookies.NAME).getMaxAge())
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void aWrongPasswordIs401ProblemAndNoCookie() {
    ROUTER.answer(
        id("Login"),
        StubRouter.json(refusal("The email or password is wrong.", "UNAUTHENTICATED")));

    var result =
        login()
            .bodyValue(Map.of("email", "ada@example.org", "password", "wrong password!"))
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(JsonNode.class)
            .returnResult();
    assertThat(result.getResponseBody().path("code").asString()).isEqualTo("UNAUTHENTICATED");
    assertThat(result.getResponseBody().path("detail").asString())
        .isEqualTo("The email or password is wrong.");
    assertThat(result.getResponseCookies().getFirst(SessionCookies.NAME)).isNull();
  }

  @Test
  void aLockedSignInIs429WithRetryAfter() {
    ROUTER.answer(
        id("Login"),
        StubRouter.json(
            """
            {"errors":[{"message":"Too many failed sign-ins; try again later.",\
            "extensions":{"code":"TOO_MANY_REQUESTS","retryAfterSeconds":840}}],"data":null}\
            """));

    var response = login().bodyValue(CREDENTIALS).exchange();
    expectProblem(response, HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS");
    response.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "840");
  }

  @Test
  void aLoginWithoutEmailOrPasswordIs400AndTheRouterIsNotAsked() {
    login()
        .bodyValue(Map.of("email", "ada@example.org"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(ROUTER.calls()).isEmpty();
  }

  @Test
  void signingInAgainEndsThePreviousSession() {
    Browser first = signIn();
    ROUTER.answer(id("Logout"), StubRouter.json(LOGGED_OUT));
    Tokens second = newTokens(900);
    ROUTER.answer(id("Login"), StubRouter.json(authPayload("login", second)));

    var result =
        login()
            .cookie(SessionCookies.NAME, first.cookie())
            .bodyValue(CREDENTIALS)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult();

    assertThat(result.getResponseCookies().getFirst(SessionCookies.NAME).getValue())
        .isNotEqualTo(first.cookie());
    assertThat(redis.hasKey(sessionKey(first)).block()).isFalse();
    assertThat(ROUTER.calls(id("Logout")))
        .singleElement()
        .satisfies(call ->
            assertThat(call.variables().path("refreshToken").asString())
                .isEqualTo(first.tokens().refreshToken()));
  }
}
