package dev.storefront.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testsupport.SubgraphTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Cart lookups in Redis count as hits and misses, per user asked for, on the real Redis. */
@SubgraphTest
class CartCacheMetricsTest {

  @Autowired CartCache cache;
  @Autowired MeterRegistry meters;

  @Test
  void aCachedCartIsAHitAndAnUncachedOneAMiss() {
    String cached = "cache-metrics-" + UUID.randomUUID();
    String uncached = "cache-metrics-" + UUID.randomUUID();
    cache
        .put(new StoredCart(cached, 1, OffsetDateTime.now(), List.of(new StoredCart.Line(7, 2))))
        .block();
    double hits = count("hit");
    double misses = count("miss");

    var found = cache.getAll(List.of(cached, uncached)).block();

    assertThat(found).containsOnlyKeys(cached);
    assertThat(count("hit")).isEqualTo(hits + 1);
    assertThat(count("miss")).isEqualTo(misses + 1);
  }

  double count(String result) {
    return meters
        .get("storefront_cache_requests")
        .tags("cache", "cart", "result", result)
        .counter()
        .count();
  }
}
