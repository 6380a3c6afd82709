package dev.storefront.bff.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.bff.operations.ManifestGenerator;
import dev.storefront.bff.operations.PersistedOperations;
import dev.storefront.bff.testing.StubHttpServer;
import dev.storefront.bff.testing.StubHttpServer.Response;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RouterClientTest {

  static final String PRODUCT = "query Product($id: ID!) { product(id: $id) { id name } }";
  static final String STATUS =
      "subscription OrderStatus($id: ID!) { orderStatusChanged(orderId: $id) { status } }";

  static final PersistedOperations OPERATIONS =
      new PersistedOperations(
          ManifestGenerator.toJson(
              List.of(ManifestGenerator.parse(PRODUCT), ManifestGenerator.parse(STATUS))));

  StubHttpServer router;
  RouterClient client;

  @BeforeEach
  void start() throws Exception {
    router = new StubHttpServer();
    client = client(router.url("/graphql"), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    router.close();
  }

  static RouterClient client(String url, Duration timeout) {
    return new RouterClient(WebClient.builder().build(), OPERATIONS, url, timeout);
  }

  @Test
  void sendsTheDocumentIdNeverTheTextWithTheCallersTokenAndAddress() {
    router.answer(
        r -> Response.json(200, "{\"data\":{\"product\":{\"id\":\"7\",\"name\":\"Mug\"}}}"));

    GraphQlResult result =
        client
            .execute("Product", Map.of("id", "7"), new RouterCall("tok-123", "203.0.113.9"))
            .block();

    assertThat(result.hasErrors()).isFalse();
    assertThat(result.firstErrorCode()).isNull();
    assertThat(result.at("product", "name").asString()).isEqualTo("Mug");
    var request = router.requests().getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/graphql");
    JsonNode body = JsonMapper.shared().readTree(request.body());
    assertThat(body.path("documentId").asString())
        .isEqualTo(ManifestGenerator.sha256(PRODUCT))
        .isEqualTo(OPERATIONS.get("Product").id());
    assertThat(body.path("operationName").asString()).isEqualTo("Product");
    assertThat(body.path("variables").path("id").asString()).isEqualTo("7");
    assertThat(body.has("query")).isFalse();
    assertThat(request.body()).doesNotContain("product(id");
    assertThat(request.header("Authorization")).isEqualTo("Bearer tok-123");
    assertThat(request.header("X-Forwarded-For")).isEqualTo("203.0.113.9");
    assertThat(request.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void anonymousCallsSendNoIdentity() {
    router.answer(r -> Response.json(200, "{\"data\":{\"product\":null}}"));
    GraphQlResult result =
        client.execute("Product", Map.of("id", "0"), RouterCall.anonymous()).block();
    assertThat(result.at("product").isMissingNode() || result.at("product").isNull()).isTrue();
    assertThat(router.requests().getFirst().header("Authorization")).isNull();
    assertThat(router.requests().getFirst().header("X-Forwarded-For")).isNull();
  }

  @Test
  void graphQlErrorsComeBackAsResultsWhateverTheStatus() {
    router.answer(r ->
        Response.json(
            401,
            """
            {"errors":[{"message":"Invalid token","path":["me",0],
              "extensions":{"code":"UNAUTHENTICATED","http":{"status":401}}}]}
            """));
    GraphQlResult result =
        client.execute("Product", Map.of("id", "1"), new RouterCall("bad", null)).block();
    assertThat(result.hasErrors()).isTrue();
    assertThat(result.firstErrorCode()).isEqualTo("UNAUTHENTICATED");
    GraphQlError error = result.errors().getFirst();
    assertThat(error.message()).isEqualTo("Invalid token");
    assertThat(error.path()).containsExactly("me", 0);
    assertThat(error.extensions()).containsEntry("code", "UNAUTHENTICATED");
    assertThat(result.data().isMissingNode()).isTrue();
  }

  @Test
  void aServerErrorWithoutGraphQlIsUnavailable() {
    router.answer(r -> Response.of(502, "text/html", "<html>Bad gateway</html>"));
    assertThatThrownBy(() -> client.execute("Product", Map.of("id", "1"), null).block())
        .isInstanceOf(RouterUnavailableException.class)
        .hasMessageContaining("HTTP 502");
  }

  @Test
  void aServerErrorWithGraphQlIsAResult() {
    router.answer(r ->
        Response.json(
            500,
            "{\"errors\":[{\"message\":\"boom\",\"extensions\":{\"code\":\"INTERNAL_SERVER_ERROR\"}}]}"));
    assertThat(client.execute("Product", Map.of("id", "1"), null).block().firstErrorCode())
        .isEqualTo("INTERNAL_SERVER_ERROR");
  }

  @Test
  void anUnreachableRouterIsUnavailable() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var down = client("http://127.0.0.1:" + port + "/graphql", Duration.ofSeconds(2));
    assertThatThrownBy(() -> down.execute("Product", Map.of("id", "1"), null).block())
        .isInstanceOf(RouterUnavailableException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void aSlowRouterTimesOut() {
    router.answer(r -> Response.json(200, "{\"data\":{}}").after(3_000));
    var impatient = client(router.url("/graphql"), Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThatThrownBy(() -> impatient.execute("Product", Map.of("id", "1"), null).block())
        .isInstanceOf(RouterUnavailableException.class)
        .hasMessageContaining("did not answer in time");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void anUnknownOperationFailsAtOnce() {
    assertThatThrownBy(() -> client.execute("Nope", Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(router.requests()).isEmpty();
  }

  @Test
  void subscriptionsReadServerSentEventsUntilComplete() {
    router.answer(r ->
        new Response(
            200,
            "text/event-stream",
            List.of(
                ":\n\n",
                "event: next\ndata: {\"data\":{\"orderStatusChanged\":{\"status\":\"PENDING\"}}}\n\n",
                "event: next\ndata: {\"data\":{\"orderStatusChanged\":{\"status\":\"CONFIRMED\"}}}\n\n",
                "event: complete\ndata:\n\n"),
            0));

    StepVerifier.create(
            client
                .subscribe("OrderStatus", Map.of("id", "9"), new RouterCall("tok", "10.0.0.1"))
                .map(result -> result.at("orderStatusChanged", "status").asString()))
        .expectNext("PENDING", "CONFIRMED")
        .verifyComplete();

    var request = router.requests().getFirst();
    assertThat(request.header("Accept")).contains("text/event-stream");
    assertThat(request.header("Authorization")).isEqualTo("Bearer tok");
    JsonNode body = JsonMapper.shared().readTree(request.body());
    assertThat(body.path("documentId").asString()).isEqualTo(ManifestGenerator.sha256(STATUS));
    assertThat(body.has("query")).isFalse();
  }

  @Test
  void aRefusedSubscriptionIsOneResult() {
    router.answer(r ->
        Response.json(
            401,
            "{\"errors\":[{\"message\":\"no\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}"));
    StepVerifier.create(client.subscribe("OrderStatus", Map.of("id", "9"), null))
        .assertNext(result -> assertThat(result.firstErrorCode()).isEqualTo("UNAUTHENTICATED"))
        .verifyComplete();
  }
}
