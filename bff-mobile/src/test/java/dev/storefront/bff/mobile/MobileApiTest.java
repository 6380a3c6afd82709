package dev.storefront.bff.mobile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.operations.PersistedOperations;
import dev.storefront.bff.testing.StubHttpServer;
import dev.storefront.bff.testing.StubHttpServer.Request;
import dev.storefront.bff.testing.StubHttpServer.Response;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * bff-mobile started on a random port against a stub router (answers by {@code documentId}, records
 * every request) and a stub registry, with the real Redis under a key prefix of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
abstract class MobileApiTest {

  static final StubHttpServer ROUTER = new StubHttpServer();
  static final StubHttpServer REGISTRY = new StubHttpServer();
  static final String KEY_PREFIX = "bff-mobile-test-" + UUID.randomUUID() + ":screen:";
  static final String TOKEN = "eyJ.test-access-token.sig";

  /** Canned GraphQL answers by operation name. */
  static final Map<String, Function<Request, Response>> ANSWERS = new ConcurrentHashMap<>();

  static volatile PersistedOperations operations;
  static volatile Function<Request, Response> outage;

  static {
    REGISTRY.answer(r ->
        Response.json(
            200, "{\"client\":\"bff-mobile\",\"clientVersion\":\"x\",\"operations\":10}"));
    ROUTER.answer(MobileApiTest::route);
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("storefront.bff.router-url", () -> ROUTER.url("/graphql"));
    registry.add("storefront.bff.registry-url", () -> REGISTRY.url(""));
    registry.add("bff-mobile.cache.key-prefix", () -> KEY_PREFIX);
    registry.add("spring.data.redis.host", () -> "127.0.0.1");
    registry.add("resilience4j.circuitbreaker.instances.router.minimum-number-of-calls", () -> "4");
    registry.add("resilience4j.circuitbreaker.instances.router.sliding-window-size", () -> "4");
    registry.add(
        "resilience4j.circuitbreaker.instances.router.wait-duration-in-open-state", () -> "60s");
    registry.add(
        "resilience4j.circuitbreaker.instances.router.automatic-transition-from-open-to-half-open-enabled",
        () -> "false");
    registry.add("resilience4j.timelimiter.instances.router.timeout-duration", () -> "2s");
  }

  @Autowired WebTestClient web;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired CircuitBreakerRegistry breakers;
  @Autowired PersistedOperations manifest;

  static final JsonMapper JSON = JsonMapper.shared();

  @BeforeEach
  void reset() {
    operations = manifest;
    ANSWERS.clear();
    outage = null;
    ROUTER.requests().clear();
    breakers.circuitBreaker("router").reset();
    deleteKeys();
  }

  @AfterAll
  static void cleanUp() {
    var factory = new LettuceConnectionFactory("127.0.0.1", 6379);
    factory.afterPropertiesSet();
    try {
      var template = new ReactiveStringRedisTemplate(factory);
      template
          .scan(ScanOptions.scanOptions().match(KEY_PREFIX + "*").count(1000).build())
          .flatMap(template::delete)
          .blockLast(Duration.ofSeconds(10));
    } finally {
      factory.destroy();
    }
  }

  void deleteKeys() {
    redis
        .scan(ScanOptions.scanOptions().match(KEY_PREFIX + "*").count(1000).build())
        .flatMap(redis::delete)
        .blockLast(Duration.ofSeconds(10));
  }

  static Response route(Request request) {
    Function<Request, Response> down = outage;
    if (down != null) {
      return down.apply(request);
    }
    JsonNode body = JSON.readTree(request.body());
    String id = body.path("documentId").asString("");
    var op = operations == null ? null : operations.byId(id).orElse(null);
    if (op == null) {
      return Response.json(
          200,
          "{\"errors\":[{\"message\":\"not in list\",\"extensions\":{\"code\":\"PERSISTED_QUERY_NOT_IN_LIST\"}}]}");
    }
    var answer = ANSWERS.get(op.name());
    if (answer == null) {
      return Response.json(
          500, "{\"errors\":[{\"message\":\"no canned answer for " + op.name() + "\"}]}");
    }
    return answer.apply(request);
  }

  /** Answers the operation with {@code {"data": <data>}}. */
  static void answer(String operation, String data) {
    ANSWERS.put(operation, r -> Response.json(200, "{\"data\":" + data + "}"));
  }

  /** Answers the operation with one error. */
  static void fail(String operation, int status, String code, String message) {
    ANSWERS.put(
        operation,
        r ->
            Response.json(
                status,
                "{\"data\":null,\"errors\":[{\"message\":\""
                    + message
                    + "\",\"path\":[\"x\"],\"locations\":[{\"line\":1,\"column\":2}],\"extensions\":{\"code\":\""
                    + code
                    + "\",\"serviceName\":\"orders\"}}]}"));
  }

  /** A GET as the signed-in user ({@code Authorization: Bearer TOKEN}). */
  WebTestClient.ResponseSpec getAsUser(String uri) {
    return asUser(HttpMethod.GET, uri);
  }

  /** A request without a body as the signed-in user. */
  WebTestClient.ResponseSpec asUser(HttpMethod method, String uri) {
    return web.method(method)
        .uri(uri)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
        .exchange();
  }

  /** A request with a JSON body as the signed-in user. */
  WebTestClient.ResponseSpec sendAsUser(HttpMethod method, String uri, Object body) {
    return web.method(method)
        .uri(uri)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  /** {@code POST /v1/checkout} as the signed-in user; without the header when the key is null. */
  WebTestClient.ResponseSpec checkout(String idempotencyKey, Object body) {
    var request =
        web.post().uri("/v1/checkout").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  /** The requests the router received for an operation, checked to carry its id and no text. */
  List<JsonNode> calls(String operation) {
    String id = manifest.get(operation).id();
    return ROUTER.requests().stream()
        .map(r -> JSON.readTree(r.body()))
        .filter(b -> id.equals(b.path("documentId").asString("")))
        .toList();
  }

  List<Request> requestsFor(String operation) {
    String id = manifest.get(operation).id();
    return ROUTER.requests().stream()
        .filter(r -> id.equals(JSON.readTree(r.body()).path("documentId").asString("")))
        .toList();
  }

  /** Every request the router got named a persisted document and carried no query text. */
  void assertOnlyDocumentIds() {
    assertThat(ROUTER.requests()).isNotEmpty();
    for (Request request : ROUTER.requests()) {
      JsonNode body = JSON.readTree(request.body());
      assertThat(body.has("query")).as("query text sent: %s", request.body()).isFalse();
      assertThat(request.body()).doesNotContain("fragment").doesNotContain("{\\n");
      String id = body.path("documentId").asString("");
      assertThat(manifest.byId(id)).as("documentId %s", id).isPresent();
      assertThat(body.path("operationName").asString()).isEqualTo(manifest.byId(id).get().name());
    }
  }

  static final Duration FAST = Duration.ofSeconds(1);
}
