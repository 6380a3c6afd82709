package dev.storefront.bff.web.session;

import dev.storefront.bff.web.BffWebProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;

/**
 * The session cookie, {@code __Host-storefront_session}: HttpOnly (scripts cannot read it), Secure,
 * SameSite=Strict (other sites' pages do not send it), Path=/ and no Domain (the {@code __Host-}
 * prefix makes browsers insist on both). It holds only the session's id.
 */
@Component
public class SessionCookies {

  public static final String NAME = "__Host-storefront_session";

  private final boolean secure;
  private final Clock clock;

  public SessionCookies(BffWebProperties properties, Clock clock) {
    this.secure = properties.secureCookie();
    this.clock = clock;
  }

  /** The id the request's cookie names, if it has one. */
  public Optional<String> read(ServerHttpRequest request) {
    return Optional.ofNullable(request.getCookies().getFirst(NAME))
        .map(HttpCookie::getValue)
        .filter(value -> !value.isBlank());
  }

  /**
   * Sets the cookie for a session; it lasts as long as the sign-in can (the server ends an idle
   * session earlier).
   */
  public void issue(ServerHttpResponse response, Session session) {
    Duration maxAge = Duration.between(clock.instant(), session.refreshTokenExpiresAt());
    response.addCookie(
        base(session.id()).maxAge(maxAge.isNegative() ? Duration.ZERO : maxAge).build());
  }

  /** Tells the browser to forget the cookie. */
  public void clear(ServerHttpResponse response) {
    response.addCookie(base("").maxAge(Duration.ZERO).build());
  }

  private ResponseCookie.ResponseCookieBuilder base(String value) {
    return ResponseCookie.from(NAME, value)
        .httpOnly(true)
        .secure(secure)
        .sameSite("Strict")
        .path("/");
  }
}
