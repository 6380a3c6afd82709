package dev.storefront.bff.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.operations.PersistedOperations;
import dev.storefront.bff.web.csrf.CsrfProtection;
import dev.storefront.bff.web.session.SessionCookies;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * bff-web on a random port against the real Redis (keys under a prefix of this run, deleted
 * afterwards) and a {@link StubRouter} in place of the router and the registry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class BffWebTest {

  protected static final StubRouter ROUTER = StubRouter.start();
  protected static final String KEYS = "bff-web-test:" + UUID.randomUUID() + ":";
  private static final AtomicInteger SIGN_INS = new AtomicInteger();

  @DynamicPropertySource
  static void stubAndKeys(DynamicPropertyRegistry registry) {
    registry.add("storefront.bff.router-url", ROUTER::graphqlUrl);
    registry.add("storefront.bff.registry-url", ROUTER::baseUrl);
    registry.add("storefront.bff.web.session.key-prefix", () -> KEYS + "session:");
    registry.add("storefront.bff.web.session.lock-prefix", () -> KEYS + "lock:");
  }

  /** The sign-in the stubbed router accepts. */
  protected static final Map<String, Object> CREDENTIALS =
      Map.of("email", "ada@example.org", "password", "correct horse battery");

  /** The router's answer to {@code Me} for the signed-in user. */
  protected static final String ME =
      "{\"data\":{\"me\":{\"id\":\"7\",\"email\":\"ada@example.org\",\"displayName\":\"Ada Lovelace\",\"addresses\":[]}}}";

  /** The router's answer to {@code Logout}. */
  protected static final String LOGGED_OUT = "{\"data\":{\"logout\":true}}";

  @Autowired protected WebTestClient web;
  @Autowired protected PersistedOperations operations;
  @Autowired protected ReactiveStringRedisTemplate redis;

  protected final JsonMapper json = JsonMapper.shared();

  @BeforeEach
  void resetRouter() {
    ROUTER.reset();
  }

  @AfterAll
  static void deleteKeys(@Autowired ReactiveStringRedisTemplate redis) {
    redis
        .scan(ScanOptions.scanOptions().match(KEYS + "*").count(1000).build())
        .flatMap(redis::delete)
        .blockLast(Duration.ofSeconds(10));
  }

  protected String id(String operation) {
    return operations.get(operation).id();
  }

  /** The tokens a stubbed login or refresh hands out. */
  public record Tokens(String accessToken, long expiresIn, String refreshToken) {}

  public static Tokens newTokens(long expiresIn) {
    int n = SIGN_INS.incrementAndGet();
    String run = UUID.randomUUID().toString().substring(0, 8);
    return new Tokens("access-" + n + "-" + run, expiresIn, "refresh-" + n + "-" + run);
  }

  /** An {@code AuthPayload} answer for {@code field} (login or refreshToken). */
  public static String authPayload(String field, Tokens tokens) {
    return """
    {"data":{"%s":{"accessToken":"%s","tokenType":"Bearer","expiresIn":%d,\
    "refreshToken":"%s","refreshTokenExpiresAt":"%s",\
    "user":{"id":"7","email":"ada@example.org","displayName":"Ada Lovelace"}}}}\
    """
        .formatted(
            field,
            tokens.accessToken(),
            tokens.expiresIn(),
            tokens.refreshToken(),
            Instant.now().plus(Duration.ofDays(30)));
  }

  /** A signed-in browser: its cookie and CSRF token, and the tokens only bff-web knows. */
  public record Browser(String cookie, String csrfToken, Tokens tokens) {}

  /** Signs in through {@code POST /auth/login} with the stub handing out these tokens. */
  protected Browser signIn(Tokens tokens) {
    ROUTER.answer(id("Login"), StubRouter.json(authPayload("login", tokens)));
    var result =
        login()
            .bodyValue(CREDENTIALS)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult();
    ResponseCookie cookie = result.getResponseCookies().getFirst(SessionCookies.NAME);
    assertThat(cookie).isNotNull();
    return new Browser(
        cookie.getValue(), result.getResponseBody().path("csrfToken").asString(), tokens);
  }

  protected Browser signIn() {
    return signIn(newTokens(900));
  }

  /** A POST to /graphql by APQ hash, as the browser sends it. */
  protected WebTestClient.RequestHeadersSpec<?> graphql(
      Browser browser, String operation, Map<String, Object> variables) {
    var body =
        Map.of(
            "operationName",
            operation,
            "variables",
            variables,
            "extensions",
            persistedQuery(id(operation)));
    return graphql(browser).bodyValue(body);
  }

  /** APQ's {@code extensions}, naming a persisted query by its hash. */
  protected static Map<String, Object> persistedQuery(String sha256Hash) {
    return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", sha256Hash));
  }

  /**
   * A JSON POST to /graphql, with the browser's cookie and CSRF token (neither when {@code browser}
   * is null); the caller gives the body.
   */
  protected WebTestClient.RequestBodySpec graphql(Browser browser) {
    var request = web.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
    return browser == null ? request : withSession(request, browser);
  }

  /** A JSON POST to /auth/login; the caller gives the body (e.g. {@link #CREDENTIALS}). */
  protected WebTestClient.RequestBodySpec login() {
    return web.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON);
  }

  /** {@code POST /auth/logout} with the browser's cookie and CSRF token. */
  protected WebTestClient.RequestBodySpec logout(Browser browser) {
    return withSession(web.post().uri("/auth/logout"), browser);
  }

  /** {@code GET /auth/session} with the browser's cookie. */
  protected WebTestClient.RequestHeadersSpec<?> session(Browser browser) {
    return web.get().uri("/auth/session").cookie(SessionCookies.NAME, browser.cookie());
  }

  /**
   * The cookie and the CSRF token of the browser's session, as its state-changing requests carry.
   */
  private static WebTestClient.RequestBodySpec withSession(
      WebTestClient.RequestBodySpec request, Browser browser) {
    return request
        .cookie(SessionCookies.NAME, browser.cookie())
        .header(CsrfProtection.HEADER, browser.csrfToken());
  }

  /**
   * Checks a problem response: the status, {@code application/problem+json} and the problem's
   * {@code code}; further checks of the body go on from what it returns.
   */
  protected static WebTestClient.BodyContentSpec expectProblem(
      WebTestClient.ResponseSpec response, HttpStatus status, String code) {
    return response
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo(code);
  }

  /**
   * A GraphQL response the router refuses as a whole: one error with that message and code, no
   * data.
   */
  public static String refusal(String message, String code) {
    return """
    {"errors":[{"message":"%s",\
    "extensions":{"code":"%s"}}],"data":null}\
    """
        .formatted(message, code);
  }

  protected String sessionKey(Browser browser) {
    return KEYS + "session:" + browser.cookie();
  }
}
