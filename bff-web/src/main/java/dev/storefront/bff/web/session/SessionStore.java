package dev.storefront.bff.web.session;

import dev.storefront.bff.web.BffWebProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sessions in Redis: {@code <prefix><id>} holds the session as JSON. A session lives as long as it
 * is used (the idle timeout starts again on every read) and never longer than its refresh token.
 */
@Component
public class SessionStore {

  /** 32 random bytes, base64url without padding. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The session's JSON property that is left out of the stored value: it is in the key. */
  private static final String ID_FIELD = "id";

  private final ReactiveStringRedisTemplate redis;
  private final JsonMapper json;
  private final Clock clock;
  private final String prefix;
  private final Duration idleTimeout;

  public SessionStore(ReactiveStringRedisTemplate redis, BffWebProperties properties, Clock clock) {
    this.redis = redis;
    this.json = JsonMapper.shared();
    this.clock = clock;
    this.prefix = properties.session().keyPrefix();
    this.idleTimeout = properties.session().idleTimeout();
  }

  /** 256 random bits, base64url: session ids and CSRF tokens. */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Stores a new session for a sign-in, with a new id and a new CSRF token. */
  public Mono<Session> create(TokenGrant grant) {
    Instant now = clock.instant();
    var session =
        new Session(
            randomToken(),
            grant.userId(),
            grant.displayName(),
            grant.accessToken(),
            grant.accessTokenExpiresAt(),
            grant.refreshToken(),
            grant.refreshTokenExpiresAt(),
            randomToken(),
            now);
    Duration ttl = ttl(session, now);
    if (ttl.isZero()) {
      return Mono.error(new IllegalStateException("the refresh token has already expired"));
    }
    return redis
        .opsForValue()
        .set(key(session.id()), write(session), ttl)
        .filter(Boolean::booleanValue)
        .switchIfEmpty(Mono.error(new IllegalStateException("Redis did not store the session")))
        .thenReturn(session);
  }

  /**
   * The session with that id, and its idle timeout starts again; empty when there is none (never
   * was, ended, expired, or the id is malformed).
   */
  public Mono<Session> find(String id) {
    if (!wellFormed(id)) {
      return Mono.empty();
    }
    String key = key(id);
    return redis
        .opsForValue()
        .get(key)
        .flatMap(text -> {
          Session session = read(id, text);
          Instant now = clock.instant();
          Duration ttl = session == null ? Duration.ZERO : ttl(session, now);
          if (ttl.isZero()) {
            return redis.delete(key).then(Mono.<Session>empty());
          }
          return redis.expire(key, ttl).thenReturn(session);
        });
  }

  /**
   * Stores a refreshed session, only while it still exists (a logout in the meantime wins); empty
   * when it no longer does.
   */
  public Mono<Session> replace(Session session) {
    Duration ttl = ttl(session, clock.instant());
    if (ttl.isZero()) {
      return delete(session.id()).then(Mono.empty());
    }
    return redis
        .opsForValue()
        .setIfPresent(key(session.id()), write(session), ttl)
        .filter(Boolean::booleanValue)
        .map(stored -> session);
  }

  /**
   * Whether the session still exists, without starting its idle timeout again (an open stream
   * checking on it is not the user coming back).
   */
  public Mono<Boolean> exists(String id) {
    if (!wellFormed(id)) {
      return Mono.just(false);
    }
    return redis.hasKey(key(id));
  }

  public Mono<Void> delete(String id) {
    if (!wellFormed(id)) {
      return Mono.empty();
    }
    return redis.delete(key(id)).then();
  }

  private static boolean wellFormed(String id) {
    return id != null && ID.matcher(id).matches();
  }

  String key(String id) {
    return prefix + id;
  }

  private Duration ttl(Session session, Instant now) {
    Duration left = Duration.between(now, session.refreshTokenExpiresAt());
    if (left.isNegative() || left.isZero()) {
      return Duration.ZERO;
    }
    Duration ttl = left.compareTo(idleTimeout) < 0 ? left : idleTimeout;
    // Redis expiries are in whole milliseconds at least.
    return ttl.toMillis() < 1 ? Duration.ZERO : ttl;
  }

  /** The session as JSON, without its id (the key holds it). */
  private String write(Session session) {
    ObjectNode stored = json.valueToTree(session);
    stored.remove(ID_FIELD);
    return json.writeValueAsString(stored);
  }

  /** The stored session with that id; null when the text is not a whole session. */
  private Session read(String id, String text) {
    try {
      if (!(json.readTree(text) instanceof ObjectNode stored)) {
        return null;
      }
      stored.put(ID_FIELD, id);
      Session session = json.treeToValue(stored, Session.class);
      if (session.accessToken() == null
          || session.refreshToken() == null
          || session.csrfToken() == null
          || session.refreshTokenExpiresAt() == null
          || session.accessTokenExpiresAt() == null) {
        return null;
      }
      return session;
    } catch (JacksonException e) {
      return null;
    }
  }
}
