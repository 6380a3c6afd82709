package dev.storefront.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Hits and misses of one cache as {@code storefront_cache_requests_total{cache, result}}, so every
 * cache's hit rate is the same query: {@code rate(...{result="hit"}) / rate(...)}. A lookup that
 * failed (the cache unreachable) is a miss: that is what the caller got.
 */
public class CacheLookups {

  private final Counter hits;
  private final Counter misses;

  public CacheLookups(MeterRegistry meters, String cache) {
    this.hits = counter(meters, cache, "hit");
    this.misses = counter(meters, cache, "miss");
  }

  private static Counter counter(MeterRegistry meters, String cache, String result) {
    return Counter.builder("storefront_cache_requests")
        .description("Cache lookups by cache and result (hit or miss)")
        .tags("cache", cache, "result", result)
        .register(meters);
  }

  public void hit() {
    hits.increment();
  }

  public void miss() {
    misses.increment();
  }

  public void record(long hitCount, long missCount) {
    hits.increment(hitCount);
    misses.increment(missCount);
  }
}
