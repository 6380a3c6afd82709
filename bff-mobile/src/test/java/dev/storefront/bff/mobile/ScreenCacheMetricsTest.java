package dev.storefront.bff.mobile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The home screen served twice: the first request misses the fresh copy in Redis (and asks the
 * router), the second hits it; both show in {@code storefront_cache_requests_total}.
 */
class ScreenCacheMetricsTest extends MobileApiTest {

  @Autowired MeterRegistry meters;

  @Test
  void aMissThenAHitOfTheFreshHomeScreenAreCounted() {
    answer("HomeScreen", CatalogScreensTest.HOME);
    double hits = count("hit");
    double misses = count("miss");

    getAsUser("/v1/home").expectHeader().valueEquals("X-Cache", "MISS");
    getAsUser("/v1/home").expectHeader().valueEquals("X-Cache", "HIT");

    assertThat(count("miss")).isEqualTo(misses + 1);
    assertThat(count("hit")).isEqualTo(hits + 1);
  }

  double count(String result) {
    return meters
        .get("storefront_cache_requests")
        .tags("cache", "bff-mobile-screen", "result", result)
        .counter()
        .count();
  }
}
