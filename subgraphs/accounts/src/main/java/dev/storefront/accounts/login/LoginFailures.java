package dev.storefront.accounts.login;

import dev.storefront.accounts.AuthSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Failed sign-ins counted in Redis per account (normalised email) and per client address, each in a
 * window that starts with the first failure. A counter at its limit refuses further attempts until
 * its key expires.
 *
 * <p>An attempt is counted as a failure before its password is checked and given back when it
 * succeeds. Counting only after the check would let a burst of concurrent guesses all pass a
 * counter that is still below its limit.
 *
 * <p>When Redis is away the counters are skipped rather than failing every sign-in: bcrypt still
 * slows guessing down, and an outage of the cache should not lock everyone out.
 */
@Component
class LoginFailures {

  private static final Logger log = LoggerFactory.getLogger(LoginFailures.class);

  static final String PREFIX = "accounts:login-failures:";

  /**
   * KEYS: the counters; ARGV[i]: the limit of KEYS[i]; the last ARGV: the window in milliseconds.
   * Milliseconds to wait while a counter is at its limit; otherwise counts the attempt in every
   * counter and answers 0. A counter's expiry is set in the same step as its first count, so none
   * is ever left without one.
   */
  private static final RedisScript<Long> BEGIN_ATTEMPT =
      RedisScript.of(
          """
          local window = tonumber(ARGV[#KEYS + 1])
          local wait = 0
          for i, key in ipairs(KEYS) do
            if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i]) then
              local ttl = redis.call('PTTL', key)
              if ttl < 0 then
                redis.call('PEXPIRE', key, window)
                ttl = window
              end
              if ttl > wait then wait = ttl end
            end
          end
          if wait > 0 then return wait end
          for _, key in ipairs(KEYS) do
            redis.call('INCR', key)
            if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, window) end
          end
          return 0
          """,
          Long.class);

  /**
   * KEYS[1]: the account's counter, reset; KEYS[2] (optional): the address's counter, which only
   * gives back this attempt's count (other accounts may have been tried from the address).
   */
  private static final RedisScript<Long> SUCCEEDED =
      RedisScript.of(
          """
          redis.call('DEL', KEYS[1])
          if KEYS[2] then
            if tonumber(redis.call('GET', KEYS[2]) or '0') > 1 then
              redis.call('DECR', KEYS[2])
            else
              redis.call('DEL', KEYS[2])
            end
          end
          return 1
          """,
          Long.class);

  private final ReactiveStringRedisTemplate redis;
  private final int maxPerAccount;
  private final int maxPerAddress;
  private final Duration window;

  LoginFailures(ReactiveStringRedisTemplate redis, AuthSettings settings) {
    this.redis = redis;
    this.maxPerAccount = settings.loginLockout().maxFailuresPerAccount();
    this.maxPerAddress = settings.loginLockout().maxFailuresPerAddress();
    this.window = settings.loginLockout().window();
  }

  // Keys name the account and the address by a digest, so a key's length never depends on what a
  // client sent (LoginMutation also refuses over-long emails).
  static String accountKey(String email) {
    return PREFIX + "account:" + digest(email);
  }

  static String addressKey(String address) {
    return PREFIX + "address:" + digest(address);
  }

  private static String digest(String value) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How long the caller must wait before trying again; empty when they may try now, in which case
   * the attempt counts as failed until {@link #succeeded} says otherwise.
   */
  Mono<Optional<Duration>> beginAttempt(String email, Optional<String> address) {
    List<String> keys = new ArrayList<>(List.of(accountKey(email)));
    List<String> args = new ArrayList<>(List.of(String.valueOf(maxPerAccount)));
    address.ifPresent(a -> {
      keys.add(addressKey(a));
      args.add(String.valueOf(maxPerAddress));
    });
    args.add(String.valueOf(window.toMillis()));
    return redis
        .execute(BEGIN_ATTEMPT, keys, args)
        .next()
        .map(millis ->
            millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.<Duration>empty())
        .onErrorResume(e -> {
          log.warn("cannot count failed sign-ins; not limiting this attempt", e);
          return Mono.just(Optional.empty());
        })
        .defaultIfEmpty(Optional.empty());
  }

  Mono<Void> succeeded(String email, Optional<String> address) {
    List<String> keys = new ArrayList<>(List.of(accountKey(email)));
    address.ifPresent(a -> keys.add(addressKey(a)));
    return redis
        .execute(SUCCEEDED, keys, List.of())
        .then()
        .onErrorResume(e -> {
          log.warn("cannot reset failed sign-ins", e);
          return Mono.empty();
        });
  }
}
