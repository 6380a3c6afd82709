package dev.storefront.bff.web.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.web.BffWebTest;
import dev.storefront.bff.web.StubRouter;
import dev.storefront.bff.web.session.SessionCookies;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

class CsrfTest extends BffWebTest {

  Browser browser;

  @BeforeEach
  void signedIn() {
    browser = signIn();
    ROUTER.answer(id("Me"), StubRouter.json(ME));
    ROUTER.answer(id("Logout"), StubRouter.json(LOGGED_OUT));
  }

  /** A POST of {@code Me} to /graphql with the session cookie and no CSRF token yet. */
  WebTestClient.RequestBodySpec me() {
    return graphql(null).cookie(SessionCookies.NAME, browser.cookie());
  }

  Map<String, Object> meBody() {
    return Map.of("documentId", id("Me"));
  }

  @Test
  void aRequestWithoutTheCsrfTokenIsRefused() {
    expectProblem(me().bodyValue(meBody()).exchange(), HttpStatus.FORBIDDEN, "FORBIDDEN")
        .jsonPath("$.detail")
        .isEqualTo("The X-CSRF-Token header is missing.");
    assertThat(ROUTER.calls(id("Me"))).isEmpty();
  }

  @Test
  void aWrongCsrfTokenIsRefused() {
    Browser other = signIn();
    me().header(CsrfProtection.HEADER, other.csrfToken())
        .bodyValue(meBody())
        .exchange()
        .expectStatus()
        .isForbidden();
    me().header(CsrfProtection.HEADER, browser.csrfToken().substring(1))
        .bodyValue(meBody())
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(ROUTER.calls(id("Me"))).isEmpty();
  }

  @Test
  void theSessionsCsrfTokenPasses() {
    me().header(CsrfProtection.HEADER, browser.csrfToken())
        .bodyValue(meBody())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json(ME);
    assertThat(ROUTER.calls(id("Me"))).hasSize(1);
  }

  @Test
  void aForeignOriginIsRefusedEvenWithTheRightToken() {
    me().header(CsrfProtection.HEADER, browser.csrfToken())
        .header(HttpHeaders.ORIGIN, "https://evil.example")
        .bodyValue(meBody())
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Requests from this origin are not accepted.");
    assertThat(ROUTER.calls(id("Me"))).isEmpty();
  }

  @Test
  void anAllowedOriginPasses() {
    me().header(CsrfProtection.HEADER, browser.csrfToken())
        .header(HttpHeaders.ORIGIN, "http://localhost:8080")
        .bodyValue(meBody())
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void signingInFromAForeignOriginIsRefused() {
    int signIns = ROUTER.calls(id("Login")).size();
    login()
        .header(HttpHeaders.ORIGIN, "https://evil.example")
        .bodyValue(CREDENTIALS)
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(ROUTER.calls(id("Login"))).hasSize(signIns);
  }

  @Test
  void aForgedLogoutDoesNotEndTheSession() {
    web.post()
        .uri("/auth/logout")
        .cookie(SessionCookies.NAME, browser.cookie())
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(ROUTER.calls(id("Logout"))).isEmpty();
    session(browser).exchange().expectStatus().isOk();
  }

  @Test
  void readingTheSessionNeedsNoToken() {
    session(browser)
        .header(HttpHeaders.ORIGIN, "http://localhost:3000")
        .exchange()
        .expectStatus()
        .isOk();
  }
}
