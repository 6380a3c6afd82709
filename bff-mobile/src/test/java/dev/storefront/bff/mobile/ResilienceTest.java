package dev.storefront.bff.mobile;

import static dev.storefront.bff.testing.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.testing.StubHttpServer.Response;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class ResilienceTest extends MobileApiTest {

  /** The router's process is up but answers 503 without GraphQL (e.g. a proxy in front). */
  static final Response DOWN = Response.of(503, "text/plain", "upstream connect error");

  /** The router accepted the connection and says nothing for longer than the time limit. */
  static final Response HANGING = Response.json(200, "{\"data\":{}}").after(10_000);

  @Test
  void catalogScreensAreServedFromTheLastGoodCopyWhenTheRouterFails() {
    answer("HomeScreen", CatalogScreensTest.HOME);
    answer("ProductDetail", CatalogScreensTest.PRODUCT);
    String home =
        web.get()
            .uri("/v1/home")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    String etag =
        web.get()
            .uri("/v1/products/42")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseHeaders()
            .getETag();
    // The fresh copies expire (60 s in production): only the last good ones are left.
    redis.delete(KEY_PREFIX + "home:en-US:fresh", KEY_PREFIX + "product:42:en-US:fresh").block();

    outage = r -> DOWN;

    web.get()
        .uri("/v1/home")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Cache", "STALE")
        .expectHeader()
        .valueEquals("Warning", "110 - \"Response is Stale\"")
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=0, must-revalidate")
        .expectBody(String.class)
        .isEqualTo(home);
    web.get()
        .uri("/v1/products/42")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Cache", "STALE")
        .expectHeader()
        .valueEquals(HttpHeaders.ETAG, etag)
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("Bamboo Mug");
    web.get()
        .uri("/v1/products/42")
        .header(HttpHeaders.IF_NONE_MATCH, etag)
        .exchange()
        .expectStatus()
        .isNotModified();

    // A screen that was never cached has nothing to fall back on.
    expectProblem(web.get().uri("/v1/products/43").exchange(), 503, "SERVICE_UNAVAILABLE")
        .jsonPath("$.type")
        .isEqualTo("https://storefront.dev/problems/service-unavailable");
  }

  /** The router's connection closes without an answer. */
  static final Response DROPPED = Response.dropped();

  @Test
  void aRouterThatDropsTheConnectionIsUnavailableToo() {
    answer("HomeScreen", CatalogScreensTest.HOME);
    web.get().uri("/v1/home").exchange().expectStatus().isOk();
    redis.delete(KEY_PREFIX + "home:en-US:fresh").block();

    outage = r -> DROPPED;
    web.get()
        .uri("/v1/home")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Cache", "STALE");
    expectProblem(getAsUser("/v1/cart"), 503, "SERVICE_UNAVAILABLE");
  }

  @Test
  void userEndpointsFailWith503ProblemsWhenTheRouterIsDown() {
    outage = r -> DOWN;
    expectProblem(getAsUser("/v1/cart"), 503)
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .expectBody(String.class)
        .value(body ->
            assertThat(body)
                .contains("\"code\":\"SERVICE_UNAVAILABLE\"")
                .doesNotContain("upstream connect error")
                .doesNotContain("127.0.0.1:"));
    expectProblem(checkout("k-1", CartAndCheckoutTest.ADDRESS), 503);
    getAsUser("/v1/orders").expectStatus().isEqualTo(503);
  }

  @Test
  void aRouterThatHangsIsCutOffByTheTimeLimit() {
    outage = r -> HANGING;
    long start = System.nanoTime();
    expectProblem(getAsUser("/v1/orders/o-1"), 503);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // The test's limit is 2 s; the router would have taken 10 s.
    assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
  }

  @Test
  void withTheCircuitOpenEverythingFailsFastAndCatalogScreensStayUp() {
    answer("HomeScreen", CatalogScreensTest.HOME);
    web.get().uri("/v1/home").exchange().expectStatus().isOk();
    redis.delete(KEY_PREFIX + "home:en-US:fresh").block();

    outage = r -> DOWN;
    for (int i = 0; i < 4; i++) {
      getAsUser("/v1/orders").expectStatus().isEqualTo(503);
    }
    assertThat(breakers.circuitBreaker("router").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    web.get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(metrics ->
            assertThat(metrics)
                .containsPattern(
                    "resilience4j_circuitbreaker_state\\{[^}]*name=\"router\"[^}]*state=\"open\"[^}]*\\} 1\\.0"));

    // Now the router would hang for 10 s: with the circuit open nobody waits for it.
    outage = r -> HANGING;
    int routerCallsBefore = ROUTER.requests().size();
    for (String uri : new String[] {"/v1/cart", "/v1/orders", "/v1/orders/o-1"}) {
      long start = System.nanoTime();
      expectProblem(getAsUser(uri), 503, "SERVICE_UNAVAILABLE");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as(uri).isLessThan(FAST);
    }
    long start = System.nanoTime();
    web.get()
        .uri("/v1/home")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Cache", "STALE")
        .expectBody()
        .jsonPath("$.featured[0].name")
        .isEqualTo("Bamboo Mug");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    expectProblem(web.get().uri("/v1/products?q=new").exchange(), 503);
    assertThat(ROUTER.requests()).as("the open circuit kept calls away").hasSize(routerCallsBefore);
  }

  @Test
  void graphQlErrorsDoNotOpenTheCircuit() {
    fail("OrderDetail", 200, "NOT_FOUND", "no order");
    for (int i = 0; i < 6; i++) {
      getAsUser("/v1/orders/o-" + i).expectStatus().isNotFound();
    }
    assertThat(breakers.circuitBreaker("router").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }
}
