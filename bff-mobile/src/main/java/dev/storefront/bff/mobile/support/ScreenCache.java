package dev.storefront.bff.mobile.support;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Rendered catalog screens in Redis: a fresh copy (served without asking the router, short TTL) and
 * a last good copy (kept long, served when the router fails). Keys are {@code
 * <prefix><screen>:fresh} and {@code <prefix><screen>:last-good}. Redis being slow or down only
 * means no cache: every command has a short timeout and its failure is logged, not thrown.
 */
@Component
public class ScreenCache {

  private static final Logger log = LoggerFactory.getLogger(ScreenCache.class);

  private final ReactiveStringRedisTemplate redis;
  private final MobileSettings.Cache settings;
  private final MeterRegistry meters;

  public ScreenCache(
      ReactiveStringRedisTemplate redis, MobileSettings settings, MeterRegistry meters) {
    this.redis = redis;
    this.settings = settings.cache();
    this.meters = meters;
  }

  public Mono<String> fresh(String screen) {
    return get(freshKey(screen), "fresh");
  }

  public Mono<String> lastGood(String screen) {
    return get(lastGoodKey(screen), "last-good");
  }

  /** Stores both copies; completes (empty) whether or not Redis took them. */
  public Mono<Void> store(String screen, String body) {
    return redis
        .opsForValue()
        .set(freshKey(screen), body, settings.freshTtl())
        .then(redis.opsForValue().set(lastGoodKey(screen), body, settings.lastGoodTtl()))
        .timeout(settings.timeout())
        .doOnError(e -> log.warn("Cannot store screen {} in Redis: {}", screen, e.toString()))
        .onErrorResume(e -> Mono.empty())
        .then();
  }

  public String freshKey(String screen) {
    return settings.keyPrefix() + screen + ":fresh";
  }

  public String lastGoodKey(String screen) {
    return settings.keyPrefix() + screen + ":last-good";
  }

  private Mono<String> get(String key, String copy) {
    return redis
        .opsForValue()
        .get(key)
        .timeout(settings.timeout())
        .doOnError(e -> log.warn("Cannot read {} from Redis: {}", key, e.toString()))
        .doOnError(e -> meters.counter("bff.mobile.screen.cache.errors").increment())
        .onErrorResume(e -> Mono.empty())
        .doOnNext(hit -> meters.counter("bff.mobile.screen.cache", "copy", copy).increment());
  }
}
