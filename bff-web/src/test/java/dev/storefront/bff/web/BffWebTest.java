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
        web.post()
            .uri("/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", "ada@example.org", "password", "correct horse battery"))
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
            Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", id(operation))));
    var request = web.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
    if (browser != null) {
      request =
          request
              .cookie(SessionCookies.NAME, browser.cookie())
              .header(CsrfProtection.HEADER, browser.csrfToken());
    }
    return request.bodyValue(body);
  }

  protected String sessionKey(Browser browser) {
    return KEYS + "session:" + browser.cookie();
  }
}
