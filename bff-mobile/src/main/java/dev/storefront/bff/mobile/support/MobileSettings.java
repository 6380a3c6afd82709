package dev.storefront.bff.mobile.support;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bff-mobile.*}.
 *
 * @param cache the Redis response cache of the anonymous catalog screens
 * @param catalogMaxAge how long clients and shared caches may keep a catalog screen ({@code
 *     Cache-Control: public, max-age})
 */
@ConfigurationProperties("bff-mobile")
public record MobileSettings(Cache cache, Duration catalogMaxAge) {

  public MobileSettings {
    cache = cache == null ? new Cache(null, null, null, null, null, 0) : cache;
    catalogMaxAge = catalogMaxAge == null ? Duration.ofSeconds(60) : catalogMaxAge;
  }

  /**
   * @param keyPrefix every key starts with it, e.g. {@code bff-mobile:screen:}
   * @param freshTtl how long a copy is served without asking the router
   * @param lastGoodTtl how long the last good copy is kept for when the router fails
   * @param timeout how long one Redis command may take before the cache is skipped
   * @param maxScreens per screen kind (the screen's name up to its first {@code :}: {@code home},
   *     {@code product}, {@code products}), how many screens are kept; storing one more drops the
   *     oldest. Kinds not listed keep {@value #DEFAULT_MAX_SCREENS}.
   * @param maxBodyBytes a larger screen is served but not stored
   */
  public record Cache(
      String keyPrefix,
      Duration freshTtl,
      Duration lastGoodTtl,
      Duration timeout,
      Map<String, Integer> maxScreens,
      int maxBodyBytes) {

    public static final int DEFAULT_MAX_SCREENS = 100;

    public Cache {
      keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "bff-mobile:screen:" : keyPrefix;
      freshTtl = freshTtl == null ? Duration.ofSeconds(60) : freshTtl;
      lastGoodTtl = lastGoodTtl == null ? Duration.ofHours(24) : lastGoodTtl;
      timeout = timeout == null ? Duration.ofMillis(300) : timeout;
      maxScreens = maxScreens == null ? Map.of() : Map.copyOf(maxScreens);
      maxBodyBytes = maxBodyBytes <= 0 ? 32 * 1024 : maxBodyBytes;
    }

    public int maxScreensOf(String kind) {
      return maxScreens.getOrDefault(kind, DEFAULT_MAX_SCREENS);
    }
  }
}
