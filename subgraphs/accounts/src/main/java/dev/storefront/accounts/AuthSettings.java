package dev.storefront.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code storefront.auth.*}: how accounts issues tokens and guards sign-ins.
 *
 * @param issuer the access tokens' {@code iss}; the router checks it
 * @param audience the access tokens' {@code aud}; the router checks it
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of a refresh token (each refresh issues a new one)
 * @param keyRotationPeriod a signing key older than this is replaced by a new one
 * @param keyRotationCheckInterval how often the age of the signing key is checked
 * @param loginLockout limits on failed sign-ins
 */
@ConfigurationProperties("storefront.auth")
public record AuthSettings(
    @DefaultValue("storefront-accounts") String issuer,
    @DefaultValue("storefront") String audience,
    @DefaultValue("15m") Duration accessTokenTtl,
    @DefaultValue("30d") Duration refreshTokenTtl,
    @DefaultValue("30d") Duration keyRotationPeriod,
    @DefaultValue("1h") Duration keyRotationCheckInterval,
    @DefaultValue LoginLockout loginLockout) {

  /**
   * @param maxFailuresPerAccount failed sign-ins for one email within the window before further
   *     attempts are refused
   * @param maxFailuresPerAddress the same for one client address (many accounts tried from one
   *     place)
   * @param window how long a failure counts, from the first failure of a series
   */
  public record LoginLockout(
      @DefaultValue("5") int maxFailuresPerAccount,
      @DefaultValue("50") int maxFailuresPerAddress,
      @DefaultValue("15m") Duration window) {}
}
