package dev.storefront.bff.web.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.web.BffWebTest;
import dev.storefront.bff.web.StubRouter;
import dev.storefront.bff.web.session.SessionCookies;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogoutTest extends BffWebTest {

  @Test
  void signingOutRevokesTheRefreshTokenDeletesTheSessionAndTheCookieStopsWorking() {
    Browser browser = signIn();
    ROUTER.answer(id("Logout"), StubRouter.json(LOGGED_OUT));
    assertThat(redis.hasKey(sessionKey(browser)).block()).isTrue();

    var result = logout(browser).exchange().expectStatus().isNoContent().expectBody().isEmpty();

    var cleared = result.getResponseCookies().getFirst(SessionCookies.NAME);
    assertThat(cleared.getMaxAge()).isEqualTo(Duration.ZERO);
    assertThat(cleared.getValue()).isEmpty();
    assertThat(ROUTER.calls(id("Logout")))
        .singleElement()
        .satisfies(call ->
            assertThat(call.variables().path("refreshToken").asString())
                .isEqualTo(browser.tokens().refreshToken()));
    assertThat(redis.hasKey(sessionKey(browser)).block()).isFalse();

    session(browser).exchange().expectStatus().isUnauthorized();
    ROUTER.answer(id("Me"), StubRouter.json("{\"data\":{\"me\":null}}"));
    graphql(browser, "Me", Map.of()).exchange().expectStatus().isUnauthorized();
    assertThat(ROUTER.calls(id("Me"))).isEmpty();
  }

  @Test
  void signingOutWhileTheRouterIsDownStillSignsTheBrowserOut() {
    Browser browser = signIn();
    ROUTER.answer(id("Logout"), StubRouter.json(503, "down"));

    logout(browser).exchange().expectStatus().isNoContent();
    assertThat(redis.hasKey(sessionKey(browser)).block()).isFalse();
  }

  @Test
  void signingOutWithoutASessionIsFine() {
    web.post().uri("/auth/logout").exchange().expectStatus().isNoContent();
    assertThat(ROUTER.calls()).isEmpty();
  }
}
