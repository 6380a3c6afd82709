package dev.storefront.bff.mobile.support;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Rendered catalog screens in Redis: a fresh copy (served without asking the router, short TTL) and
 * a last good copy (kept long, served when the router fails). Keys are {@code
 * <prefix><screen>:fresh} and {@code <prefix><screen>:last-good}. Redis being slow or down only
 * means no cache: every command has a short timeout and its failure is logged, not thrown.
 *
 * <p>Clients choose screens (every search, every locale is one), so the cache has a budget: each
 * kind of screen keeps at most {@code max-screens} of them, listed in the sorted set {@code
 * <prefix>index:<kind>} by when they were stored; storing one more drops the oldest with both its
 * copies, in the same script. A screen over {@code max-body-bytes} is not stored. So the cache
 * never holds more than the sum of max-screens times two copies of max-body-bytes, whatever clients
 * ask for.
 */
@Component
public class ScreenCache {

  private static final Logger log = LoggerFactory.getLogger(ScreenCache.class);

  /**
   * KEYS: the kind's index, the fresh and the last-good key. ARGV: body, fresh TTL ms, last-good
   * TTL ms, now ms, the kind's budget, the screen, the key prefix. Answers how many screens it
   * dropped. The dropped screens' keys are built here from the index, so this suits one Redis (not
   * a cluster, where every key must be declared).
   */
  private static final RedisScript<Long> STORE =
      RedisScript.of(
          """
          local lastGoodTtl = tonumber(ARGV[3])
          local now = tonumber(ARGV[4])
          redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
          redis.call('SET', KEYS[3], ARGV[1], 'PX', lastGoodTtl)
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - lastGoodTtl)
          redis.call('ZADD', KEYS[1], now, ARGV[6])
          redis.call('PEXPIRE', KEYS[1], lastGoodTtl)
          local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[5])
          if over <= 0 then return 0 end
          local oldest = redis.call('ZPOPMIN', KEYS[1], over)
          for i = 1, #oldest, 2 do
            redis.call('DEL', ARGV[7] .. oldest[i] .. ':fresh', ARGV[7] .. oldest[i] .. ':last-good')
          end
          return over
          """,
          Long.class);

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

  /**
   * Stores both copies within the kind's budget; completes (empty) whether or not Redis took them.
   */
  public Mono<Void> store(String screen, String body) {
    // UTF-8 takes at most 3 bytes a character: most bodies need no encoding to be measured.
    if (body.length() * 3L > settings.maxBodyBytes()
        && body.getBytes(StandardCharsets.UTF_8).length > settings.maxBodyBytes()) {
      meters.counter("bff.mobile.screen.cache.too-large").increment();
      return Mono.empty();
    }
    String kind = kindOf(screen);
    return redis
        .execute(
            STORE,
            List.of(indexKey(kind), freshKey(screen), lastGoodKey(screen)),
            List.of(
                body,
                String.valueOf(settings.freshTtl().toMillis()),
                String.valueOf(settings.lastGoodTtl().toMillis()),
                String.valueOf(System.currentTimeMillis()),
                String.valueOf(settings.maxScreensOf(kind)),
                screen,
                settings.keyPrefix()))
        .next()
        .doOnNext(dropped -> {
          if (dropped > 0) {
            meters.counter("bff.mobile.screen.cache.dropped", "kind", kind).increment(dropped);
          }
        })
        .timeout(settings.timeout())
        .doOnError(e -> log.warn("Cannot store screen {} in Redis: {}", screen, e.toString()))
        .onErrorResume(e -> Mono.empty())
        .then();
  }

  /** The sorted set listing the stored screens of one kind. */
  public String indexKey(String kind) {
    return settings.keyPrefix() + "index:" + kind;
  }

  static String kindOf(String screen) {
    int colon = screen.indexOf(':');
    return colon < 0 ? screen : screen.substring(0, colon);
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
