package dev.storefront.graphql.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.graphql.testing.RouterOnlyPaths;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class RouterOnlyFilterTest {

  static final String SECRET = "s3cret-for-this-test";
  final RouterOnlyFilter filter = new RouterOnlyFilter(SECRET, List.of("/.well-known/jwks.json"));

  /** Whether the request got past the filter, and the exchange it left behind. */
  private record Outcome(boolean passed, MockServerWebExchange exchange) {}

  Outcome send(MockServerHttpRequest request) {
    var exchange = MockServerWebExchange.from(request);
    var passed = new AtomicBoolean();
    WebFilterChain chain =
        e -> {
          passed.set(true);
          return Mono.empty();
        };
    filter.filter(exchange, chain).block();
    return new Outcome(passed.get(), exchange);
  }

  /** The path exactly as written: the String overloads would percent-encode it again. */
  static URI uri(String path) {
    return URI.create("http://127.0.0.1:4001" + path);
  }

  static MockServerHttpRequest.BodyBuilder post(String path) {
    return MockServerHttpRequest.method(HttpMethod.POST, uri(path));
  }

  /** The shared spellings, and more the filter alone must refuse. */
  static Stream<String> closedSpellings() {
    return Stream.concat(
        RouterOnlyPaths.closed().stream(),
        Stream.of("/graphql;x", "/actuator/health/", "/.well-known/jwks.json/", "/anything"));
  }

  @ParameterizedTest
  @MethodSource("closedSpellings")
  void everyPathButTheAllowListNeedsTheSecret(String path) {
    var refused = send(post(path).build());
    assertThat(refused.exchange().getRequest().getPath().value()).isEqualTo(path);
    assertThat(refused.passed()).as(path).isFalse();
    var response = refused.exchange().getResponse();
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getBodyAsString().block())
        .contains("\"code\":\"UNAUTHENTICATED\"")
        .doesNotContain("\"data\"");

    assertThat(send(post(path).header(RouterOnlyFilter.HEADER, SECRET).build()).passed())
        .as(path + " with the secret")
        .isTrue();
  }

  @ParameterizedTest
  @MethodSource("dev.storefront.graphql.testing.RouterOnlyPaths#open")
  void healthMetricsAndTheServicesPublicPathsAreOpen(String path) {
    assertThat(send(MockServerHttpRequest.method(HttpMethod.GET, uri(path)).build()).passed())
        .as(path)
        .isTrue();
  }

  @Test
  void aWrongOrPartialSecretIsRefused() {
    for (String guess : List.of("", "s3cret", SECRET + "x", SECRET.toUpperCase(), " " + SECRET)) {
      var outcome = send(post("/graphql").header(RouterOnlyFilter.HEADER, guess).build());
      assertThat(outcome.passed()).as("'%s'", guess).isFalse();
    }
  }

  @Test
  void theBodyIsTheGraphQlShapedError() {
    assertThat(new String(RouterOnlyFilter.UNAUTHORIZED_BODY, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"errors\":[{\"message\":\"Subgraphs are only reachable through the router\","
                + "\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}");
  }

  @Test
  void anEmptySecretIsAConfigurationError() {
    assertThatThrownBy(() -> new RouterOnlyFilter(" ", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
