package dev.storefront.e2e;

import static dev.storefront.e2e.JsonNodes.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The router's limits on what one client may send: size, shape, rate and origin. Each answer is a
 * clear 4xx with a typed error, never a 5xx or a stack trace.
 */
class RouterHardeningTest {

  @Test
  void anAliasBombIsRefusedBeforeExecution() {
    var query = new StringBuilder("{");
    for (int i = 0; i < 100; i++) {
      query.append(" a").append(i).append(": products(first: 1) { edges { cursor } }");
    }
    var response = Router.post(query.append(" }").toString());
    assertThat(response.status()).as(response.raw()).isBetween(400, 499);
    assertThat(code(response)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    JsonNodes.assertNoData(response);
  }

  @Test
  void aDeclaredTenMegabyteBodyIsRefusedWith413BeforeItIsSent() throws IOException {
    // Only the head goes out: the router must answer from Content-Length alone. Writing the 10 MB
    // too made the test flaky, not the router: the router closes the connection with the upload
    // unread, the kernel answers the rest with a reset, and a reset can discard the 413 before the
    // client reads it.
    var response = headOnlyPost(10 * 1024 * 1024);
    assertThat(response.status()).as(response.raw()).isEqualTo(413);
    assertThat(code(response)).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  /** A POST whose head declares {@code declaredLength} bytes and whose body is never sent. */
  private static Router.Response headOnlyPost(int declaredLength) throws IOException {
    int port = Router.URL.getPort() == -1 ? 80 : Router.URL.getPort();
    try (var socket = new Socket(Router.URL.getHost(), port)) {
      socket.setSoTimeout(30_000);
      String head =
          "POST "
              + Router.URL.getRawPath()
              + " HTTP/1.1\r\nHost: "
              + Router.URL.getHost()
              + ":"
              + port
              + "\r\ncontent-type: application/json\r\naccept: application/json\r\n"
              + "content-length: "
              + declaredLength
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      // The router closes the connection after refusing, so the whole answer is what arrives
      // until end of stream.
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      int bodyStart = answer.indexOf("\r\n\r\n") + 4;
      String headers = answer.substring(0, bodyStart).toLowerCase(java.util.Locale.ROOT);
      String body = answer.substring(bodyStart);
      if (headers.contains("transfer-encoding: chunked")) body = dechunk(body);
      return Router.response(status, body);
    }
  }

  private static String dechunk(String chunked) {
    var body = new StringBuilder();
    int at = 0;
    for (; ; ) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
      if (size == 0) return body.toString();
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }

  @Test
  void aChunkedBodyWithoutLengthIsCutOffAtTheLimit() {
    byte[] body =
        ("{\"query\":\"{ __typename }\",\"variables\":{\"pad\":\""
                + "y".repeat(3 * 1024 * 1024)
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    // ofInputStream has no known length: the client sends it chunked.
    var request =
        HttpRequest.newBuilder(Router.URL)
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    HttpResponse<String> response;
    try {
      response = Router.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException closedMidUpload) {
      // Closing the connection once the limit is passed is an acceptable refusal too.
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "invalid utf-8",
        "deeply nested variables",
        "truncated json",
        "query is an object",
      })
  void malformedBodiesAreClientErrors(String kind) {
    byte[] body =
        switch (kind) {
          case "invalid utf-8" -> {
            byte[] prefix =
                "{\"query\":\"{ products(filter: {search: \\\"".getBytes(StandardCharsets.UTF_8);
            byte[] suffix = "\\\"}) { edges { cursor } } }\"}".getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[prefix.length + 3 + suffix.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            all[prefix.length] = (byte) 0xC3;
            all[prefix.length + 1] = (byte) 0x28;
            all[prefix.length + 2] = (byte) 0xFF;
            System.arraycopy(suffix, 0, all, prefix.length + 3, suffix.length);
            yield all;
          }
          case "deeply nested variables" ->
              ("{\"query\":\"query($v: String) { products(filter: {search: $v}) { edges { cursor } } }\","
                      + "\"variables\":{\"v\":"
                      + "[".repeat(100_000)
                      + "]".repeat(100_000)
                      + "}}")
                  .getBytes(StandardCharsets.UTF_8);
          case "truncated json" -> "{\"query\":\"{ __typ".getBytes(StandardCharsets.UTF_8);
          default -> "{\"query\":{\"not\":\"a string\"}}".getBytes(StandardCharsets.UTF_8);
        };
    var request =
        HttpRequest.newBuilder(Router.URL)
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    var response = Router.exchange(request);
    if (kind.equals("deeply nested variables")) {
      // Well-formed JSON: it parses, then the variable's value is refused like any wrong type.
      assertThat(response.statusCode()).as(response.body()).isLessThan(500);
    } else {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }
    assertThat(response.body()).doesNotContain("\tat ").doesNotContain("Exception");
    var parsed = Router.response(response);
    assertThat(code(parsed)).as(response.body()).isNotBlank();
  }

  @Test
  void sqlMetacharactersAreJustText() {
    String count = "{ products(first: 1) { pageInfo { hasNextPage } } }";
    for (String hostile :
        List.of(
            "'; DROP TABLE products; --",
            "\" OR 1=1 --",
            "%' OR '%'='",
            "\\'; SELECT pg_sleep(5); --",
            "oak' UNION SELECT email FROM users --")) {
      var search =
          Router.post(
              "query($s: String!) { products(first: 5, filter: {search: $s}) { edges { node { id } } } }",
              Map.of("s", hostile));
      assertThat(search.status()).as(search.raw()).isEqualTo(200);
      assertThat(search.errors().isMissingNode()).as(search.raw()).isTrue();
      assertThat(search.data().at("/products/edges").size()).isZero();

      var category =
          Router.post("query($s: String) { category(slug: $s) { id } }", Map.of("s", hostile));
      assertThat(category.data().path("category").isNull()).as(category.raw()).isTrue();

      var login =
          Accounts.login(hostile + "@example.com", hostile, Accounts.fromAddress("198.51.100.9"));
      assertThat(code(login)).isIn("UNAUTHENTICATED", "TOO_MANY_REQUESTS");
    }
    assertThat(Commerce.ok(Router.post(count)).at("/products/pageInfo/hasNextPage").asBoolean())
        .as("the products are all still there")
        .isTrue();
  }

  @Test
  void oneAddressOverItsRateLimitGets429WithRetryAfter() throws Exception {
    String address = "198.18.0." + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
    var first = send("{ __typename }", Map.of("x-forwarded-for", address));
    int limit = Integer.parseInt(first.headers().firstValue("ratelimit-limit").orElseThrow());
    assertThat(limit).isPositive();

    var refused =
        untilRefused(4 * limit, i -> send("{ __typename }", Map.of("x-forwarded-for", address)));
    assertThat(refused).as("a 429 within %d requests", 4 * limit).isPresent();
    var response = refused.orElseThrow();
    assertThat(response.headers().firstValue("retry-after")).isPresent();
    assertThat(Router.JSON.readTree(response.body()).at("/errors/0/extensions/code").asString())
        .isEqualTo("TOO_MANY_REQUESTS");

    // Nobody else pays for it.
    var other = send("{ __typename }", Map.of("x-forwarded-for", "198.19.0.1"));
    assertThat(other.statusCode()).isEqualTo(200);
  }

  @Test
  void oneUserOverTheirRateLimitGets429WhereverTheyCallFrom() throws Exception {
    String token =
        Accounts.register("Busy Bee", "correct horse battery").path("accessToken").asString();
    var first = send("{ me { id } }", Map.of("authorization", "Bearer " + token));
    int limit = Integer.parseInt(first.headers().firstValue("ratelimit-limit").orElseThrow());

    // Spread over many addresses: the user's own limit is what stops them.
    var refused =
        untilRefused(
            4 * limit,
            i ->
                send(
                    "{ me { id } }",
                    Map.of(
                        "authorization", "Bearer " + token,
                        "x-forwarded-for", "100.64." + (i / 250) % 250 + "." + (1 + i % 250))));
    assertThat(refused).as("a 429 within %d requests", 4 * limit).isPresent();
    assertThat(refused.orElseThrow().headers().firstValue("retry-after")).isPresent();
  }

  /**
   * Sends requests in concurrent batches until one is refused with 429 (the first 429) or {@code
   * max} were sent. Batches, not a fixed count: a burst may straddle two rate-limit windows.
   */
  static java.util.Optional<HttpResponse<String>> untilRefused(
      int max, java.util.function.IntFunction<HttpResponse<String>> request) throws Exception {
    for (int sent = 0; sent < max; sent += 200) {
      List<Callable<HttpResponse<String>>> batch = new ArrayList<>();
      for (int i = sent; i < sent + 200; i++) {
        int n = i;
        batch.add(() -> request.apply(n));
      }
      var responses = Commerce.concurrently(16, batch);
      assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isIn(200, 429));
      var refused = responses.stream().filter(r -> r.statusCode() == 429).findFirst();
      if (refused.isPresent()) {
        return refused;
      }
    }
    return java.util.Optional.empty();
  }

  @Test
  void corsAllowsTheConfiguredOriginsOnly() {
    var allowed = preflight("http://localhost:8080");
    assertThat(allowed.headers().firstValue("access-control-allow-origin"))
        .contains("http://localhost:8080");
    var refused = preflight("https://evil.example");
    assertThat(refused.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  static HttpResponse<String> preflight(String origin) {
    return Router.exchange(
        HttpRequest.newBuilder(Router.URL)
            .timeout(Duration.ofSeconds(10))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "authorization, content-type")
            .build());
  }

  static HttpResponse<String> send(String query, Map<String, String> headers) {
    var all = new java.util.HashMap<>(headers);
    all.put("accept", "application/json");
    return Router.send(Router.URL, Router.JSON.writeValueAsString(Map.of("query", query)), all);
  }
}
