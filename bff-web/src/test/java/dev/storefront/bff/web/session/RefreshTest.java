package dev.storefront.bff.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.router.RouterClient;
import dev.storefront.bff.web.BffWebProperties;
import dev.storefront.bff.web.BffWebTest;
import dev.storefront.bff.web.StubRouter;
import dev.storefront.bff.web.csrf.CsrfProtection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

class RefreshTest extends BffWebTest {

  @LocalServerPort int port;
  @Autowired SessionStore store;
  @Autowired RouterClient router;
  @Autowired BffWebProperties properties;
  @Autowired Clock clock;

  @Test
  void anExpiringTokenIsRefreshedOnceForFiveConcurrentRequestsAndTheNewOneIsUsed() {
    Browser browser = signIn(newTokens(10)); // expires within the 30 s refresh-ahead
    Tokens renewed = newTokens(900);
    ROUTER.answer(
        id("Refresh"),
        StubRouter.slow(Duration.ofMillis(400), authPayload("refreshToken", renewed)));
    ROUTER.answer(id("Me"), StubRouter.json(ME));

    var client = WebClient.create("http://127.0.0.1:" + port);
    List<String> answers =
        Flux.range(0, 5)
            .flatMap(
                i ->
                    client
                        .post()
                        .uri("/graphql")
                        .cookie(SessionCookies.NAME, browser.cookie())
                        .header(CsrfProtection.HEADER, browser.csrfToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("documentId", id("Me")))
                        .retrieve()
                        .bodyToMono(String.class),
                5)
            .collectList()
            .block(Duration.ofSeconds(20));

    assertThat(answers)
        .hasSize(5)
        .allSatisfy(answer -> assertThat(answer).contains("Ada Lovelace"));
    assertThat(ROUTER.calls(id("Refresh")))
        .singleElement()
        .satisfies(call -> {
          assertThat(call.variables().path("refreshToken").asString())
              .isEqualTo(browser.tokens().refreshToken());
          assertThat(call.header("authorization")).isNull();
        });
    assertThat(ROUTER.calls(id("Me")))
        .hasSize(5)
        .allSatisfy(call ->
            assertThat(call.header("authorization")).isEqualTo("Bearer " + renewed.accessToken()));

    Session stored = store.find(browser.cookie()).block();
    assertThat(stored.accessToken()).isEqualTo(renewed.accessToken());
    assertThat(stored.refreshToken()).isEqualTo(renewed.refreshToken());
    assertThat(stored.csrfToken()).isEqualTo(browser.csrfToken());

    // The renewed token is good for 15 minutes: the next request does not refresh.
    graphql(browser, "Me", Map.of()).exchange().expectStatus().isOk();
    assertThat(ROUTER.calls(id("Refresh"))).hasSize(1);
  }

  @Test
  void twoInstancesRefreshingOneSessionAtOnceRefreshItOnce() {
    Browser browser = signIn(newTokens(10));
    Tokens renewed = newTokens(900);
    ROUTER.answer(
        id("Refresh"),
        StubRouter.slow(Duration.ofMillis(300), authPayload("refreshToken", renewed)));
    Session stale = store.find(browser.cookie()).block();
    // A second bff-web instance: its own in-flight refreshes, the same Redis.
    var one = new TokenRefresher(router, store, redis, properties, clock);
    var other = new TokenRefresher(router, store, redis, properties, clock);

    List<Session> sessions =
        Flux.merge(
                one.fresh(stale, "127.0.0.1"),
                other.fresh(stale, "127.0.0.1"),
                other.fresh(stale, "127.0.0.1"),
                one.fresh(stale, "127.0.0.1"))
            .collectList()
            .block(Duration.ofSeconds(20));

    assertThat(sessions)
        .hasSize(4)
        .allSatisfy(s -> assertThat(s.accessToken()).isEqualTo(renewed.accessToken()));
    assertThat(ROUTER.calls(id("Refresh"))).hasSize(1);
  }

  @Test
  void aTokenTheRouterRefusesIsRefreshedAndTheRequestRunOnceMore() {
    Browser browser = signIn(newTokens(900));
    Tokens renewed = newTokens(900);
    ROUTER.answer(id("Refresh"), StubRouter.json(authPayload("refreshToken", renewed)));
    ROUTER.answer(
        id("Me"),
        call ->
            ("Bearer " + renewed.accessToken()).equals(call.header("authorization"))
                ? StubRouter.json(ME)
                : StubRouter.json(
                    401,
                    """
                    {"errors":[{"message":"The access token is invalid",\
                    "extensions":{"code":"UNAUTHENTICATED"}}]}\
                    """));

    graphql(browser, "Me", Map.of()).exchange().expectStatus().isOk().expectBody().json(ME);

    assertThat(ROUTER.calls(id("Me"))).hasSize(2);
    assertThat(ROUTER.calls(id("Refresh"))).hasSize(1);
  }

  @Test
  void aRefusedRefreshEndsTheSession() {
    Browser browser = signIn(newTokens(5));
    ROUTER.answer(
        id("Refresh"),
        StubRouter.json(refusal("The refresh token is not valid.", "UNAUTHENTICATED")));
    ROUTER.answer(id("Me"), StubRouter.json(ME));

    var result =
        graphql(browser, "Me", Map.of())
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(String.class)
            .returnResult();
    assertThat(result.getResponseCookies().getFirst(SessionCookies.NAME).getMaxAge())
        .isEqualTo(Duration.ZERO);
    assertThat(ROUTER.calls(id("Me"))).isEmpty();
    assertThat(redis.hasKey(sessionKey(browser)).block()).isFalse();

    // The cookie no longer signs anyone in.
    graphql(browser, "Me", Map.of()).exchange().expectStatus().isUnauthorized();
    session(browser).exchange().expectStatus().isUnauthorized();
    assertThat(ROUTER.calls(id("Refresh"))).hasSize(1);
    assertThat(ROUTER.calls(id("Me"))).isEmpty();
  }

  @Test
  void aRouterThatIsDownDuringARefreshKeepsTheSession() {
    Browser browser = signIn(newTokens(5));
    ROUTER.answer(id("Refresh"), StubRouter.json(503, "upstream down"));

    graphql(browser, "Me", Map.of()).exchange().expectStatus().isEqualTo(503);
    assertThat(redis.hasKey(sessionKey(browser)).block()).isTrue();

    Tokens renewed = newTokens(900);
    ROUTER.answer(id("Refresh"), StubRouter.json(authPayload("refreshToken", renewed)));
    ROUTER.answer(id("Me"), StubRouter.json(ME));
    graphql(browser, "Me", Map.of()).exchange().expectStatus().isOk().expectBody().json(ME);
    assertThat(ROUTER.calls(id("Me")).getLast().header("authorization"))
        .isEqualTo("Bearer " + renewed.accessToken());
  }
}
