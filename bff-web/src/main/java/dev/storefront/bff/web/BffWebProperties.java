package dev.storefront.bff.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code storefront.bff.web.*}: the browser-facing settings.
 *
 * @param allowedOrigins origins a state-changing request may come from (its {@code Origin} header,
 *     when it has one); also the CORS allow-list
 * @param secureCookie marks the session cookie {@code Secure}; browsers keep Secure cookies on
 *     http://localhost too, so only turn it off for clients that insist (curl does not)
 * @param session how sessions live in Redis
 * @param statusStreamHeartbeat how often an order status stream sends a comment while quiet
 * @param maxStatusStreamsPerUser order status streams one user may hold open at once on this
 *     instance; one more is refused with 429
 * @param statusStreamSessionCheck how often an open status stream checks that its session still
 *     exists (a logout ends the stream within this)
 */
@ConfigurationProperties("storefront.bff.web")
public record BffWebProperties(
    @DefaultValue({"http://localhost:8080", "http://127.0.0.1:8080", "http://localhost:3000"})
        List<String> allowedOrigins,
    @DefaultValue("true") boolean secureCookie,
    @DefaultValue Session session,
    @DefaultValue("15s") Duration statusStreamHeartbeat,
    @DefaultValue("3") int maxStatusStreamsPerUser,
    @DefaultValue("2s") Duration statusStreamSessionCheck) {

  /**
   * @param keyPrefix Redis key prefix; a session is {@code <prefix><id>}
   * @param idleTimeout a session unused this long ends (each request starts it again); it never
   *     outlives its refresh token
   * @param refreshAhead an access token that expires within this is refreshed before use
   * @param refreshLockTimeout how long one session's refresh may hold its lock (and how long
   *     another request waits for it)
   * @param lockPrefix Redis key prefix of the per-session refresh locks
   */
  public record Session(
      @DefaultValue("bff-web:session:") String keyPrefix,
      @DefaultValue("12h") Duration idleTimeout,
      @DefaultValue("30s") Duration refreshAhead,
      @DefaultValue("10s") Duration refreshLockTimeout,
      @DefaultValue("bff-web:session-lock:") String lockPrefix) {}
}
