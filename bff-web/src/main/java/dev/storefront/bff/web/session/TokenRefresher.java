package dev.storefront.bff.web.session;

import dev.storefront.bff.problem.GraphQlProblems;
import dev.storefront.bff.router.GraphQlResult;
import dev.storefront.bff.router.RouterCall;
import dev.storefront.bff.router.RouterClient;
import dev.storefront.bff.web.BffWebProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Keeps a session's access token usable: refreshes it through the router's {@code refreshToken}
 * when it expires within {@code refresh-ahead} (or the router refused it), and stores the new pair
 * in the session.
 *
 * <p>A refresh token works once, and presenting it a second time revokes the whole sign-in, so a
 * session is refreshed by one request at a time: requests of this instance share one refresh
 * (single flight), and instances take a per-session Redis lock. Whoever gets the lock reads the
 * session again and refreshes only when the access token is still the one found stale, so requests
 * that waited use the pair the first one stored.
 *
 * <p>A refused refresh (the refresh token expired, was revoked or replayed) ends the session:
 * {@link SessionEndedException}. An unreachable router leaves the session as it is.
 */
@Component
public class TokenRefresher {

  private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

  /** Deletes the lock only if it is still ours. */
  private static final RedisScript<Long> RELEASE =
      RedisScript.of(
          "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else"
              + " return 0 end",
          Long.class);

  private static final Duration LOCK_POLL = Duration.ofMillis(25);

  private final RouterClient router;
  private final SessionStore store;
  private final ReactiveStringRedisTemplate redis;
  private final Clock clock;
  private final Duration refreshAhead;
  private final Duration lockTimeout;
  private final String lockPrefix;

  /** The refresh of each session under way in this instance, by session id. */
  private final Map<String, CompletableFuture<Session>> inFlight = new ConcurrentHashMap<>();

  public TokenRefresher(
      RouterClient router,
      SessionStore store,
      ReactiveStringRedisTemplate redis,
      BffWebProperties properties,
      Clock clock) {
    this.router = router;
    this.store = store;
    this.redis = redis;
    this.clock = clock;
    this.refreshAhead = properties.session().refreshAhead();
    this.lockTimeout = properties.session().refreshLockTimeout();
    this.lockPrefix = properties.session().lockPrefix();
  }

  /** The session, refreshed first when its access token expires within {@code refresh-ahead}. */
  public Mono<Session> fresh(Session session, String clientAddress) {
    if (session.accessTokenExpiresAt().isAfter(clock.instant().plus(refreshAhead))) {
      return Mono.just(session);
    }
    return refresh(session, clientAddress);
  }

  /**
   * Replaces the session's access token {@code stale.accessToken()}: refreshes it, or, when another
   * request already did, answers with the session as that request stored it.
   */
  public Mono<Session> refresh(Session stale, String clientAddress) {
    return Mono.defer(() -> {
      // The refresh runs to its end even when the request that started it goes away: a
      // refresh token spent without storing its successor would end the session.
      CompletableFuture<Session> flight =
          inFlight.compute(
              stale.id(),
              (id, running) ->
                  running != null && !running.isDone()
                      ? running
                      : locked(stale, clientAddress).contextCapture().toFuture());
      flight.whenComplete((session, error) -> inFlight.remove(stale.id(), flight));
      return Mono.fromFuture(flight, true);
    });
  }

  private Mono<Session> locked(Session stale, String clientAddress) {
    String lockKey = lockPrefix + stale.id();
    String owner = SessionStore.randomToken();
    return Mono.usingWhen(
        acquire(lockKey, owner),
        acquired -> refreshUnderLock(stale, clientAddress),
        acquired -> release(lockKey, owner),
        (acquired, error) -> release(lockKey, owner),
        acquired -> release(lockKey, owner));
  }

  private Mono<Boolean> acquire(String lockKey, String owner) {
    return redis
        .opsForValue()
        .setIfAbsent(lockKey, owner, lockTimeout)
        .flatMap(taken -> taken ? Mono.just(true) : Mono.<Boolean>error(new LockBusy()))
        .retryWhen(
            Retry.fixedDelay(Math.max(1, lockTimeout.toMillis() / LOCK_POLL.toMillis()), LOCK_POLL)
                .filter(LockBusy.class::isInstance))
        .onErrorMap(
            Exceptions::isRetryExhausted,
            e -> new IllegalStateException("another refresh of this session did not finish"));
  }

  private Mono<Void> release(String lockKey, String owner) {
    return redis.execute(RELEASE, List.of(lockKey), List.of(owner)).then();
  }

  private Mono<Session> refreshUnderLock(Session stale, String clientAddress) {
    return store
        .find(stale.id())
        .switchIfEmpty(Mono.error(SessionEndedException::ended))
        .flatMap(current ->
            current.accessToken().equals(stale.accessToken())
                ? callRouter(current, clientAddress)
                : Mono.just(current));
  }

  private Mono<Session> callRouter(Session current, String clientAddress) {
    return router
        .execute(
            "Refresh",
            Map.of("refreshToken", current.refreshToken()),
            RouterCall.anonymous(clientAddress))
        .flatMap(result -> apply(current, result, clientAddress));
  }

  private Mono<Session> apply(Session current, GraphQlResult result, String clientAddress) {
    if (result.hasErrorCode("UNAUTHENTICATED")) {
      log.info("Refresh refused for user {}: the session ends", current.userId());
      return store.delete(current.id()).then(Mono.error(SessionEndedException::ended));
    }
    if (result.hasErrors() || result.at("refreshToken").isMissingNode()) {
      // Not a verdict on the sign-in (a rate limit, an internal error): the session stays.
      return Mono.error(GraphQlProblems.exception(result));
    }
    TokenGrant grant = TokenGrant.from(result.at("refreshToken"), clock.instant());
    return store
        .replace(current.withTokens(grant))
        .switchIfEmpty(
            // Signed out while the refresh was under way: the new pair belongs to no one.
            router
                .execute(
                    "Logout",
                    Map.of("refreshToken", grant.refreshToken()),
                    RouterCall.anonymous(clientAddress))
                .onErrorResume(e -> Mono.empty())
                .then(Mono.error(SessionEndedException::ended)));
  }

  private static final class LockBusy extends RuntimeException {
    LockBusy() {
      super(null, null, false, false);
    }
  }
}
