package dev.storefront.accounts.signingkey;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.storefront.accounts.AuthSettings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The key that signs access tokens, kept in memory for {@link #CACHE_TTL} so that issuing a token
 * does not read the table each time, and the keys the JWKS publishes, always read from the table.
 *
 * <p>Rotation: a new key signs at once on the instance that rotated, and every instance publishes
 * it at once (a verifier that meets its kid refetches the JWKS, whichever instance answers). The
 * previous key stays published until every token it signed has expired: the access-token lifetime
 * plus {@link #CLOCK_SKEW}. Other instances go on signing with the previous key for up to {@link
 * #CACHE_TTL}; that is why the cache must stay well below the clock-skew allowance.
 */
@Component
public class SigningKeys {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  static final Duration CACHE_TTL = Duration.ofSeconds(30);
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private final SigningKeyStore store;
  private final SigningKeyGenerator generator;
  private final Duration retireAfter;
  private final AtomicReference<Mono<RSAKey>> cached = new AtomicReference<>();

  public SigningKeys(SigningKeyStore store, SigningKeyGenerator generator, AuthSettings settings) {
    this.store = store;
    this.generator = generator;
    this.retireAfter = settings.accessTokenTtl().plus(CLOCK_SKEW);
    forget();
  }

  /** The current key with its private half, from memory when read less than a while ago. */
  public Mono<RSAKey> current() {
    return cached.get();
  }

  /** The public keys to verify access tokens with: current and retiring ones. */
  public Mono<JWKSet> published() {
    return store
        .published()
        .collectList()
        .flatMap(keys ->
            keys.isEmpty()
                // Someone emptied the table while the service ran: start afresh.
                ? ensureCurrent().then(store.published().collectList())
                : Mono.just(keys))
        .map(keys -> new JWKSet(List.copyOf(keys)));
  }

  /** Creates a first key if there is none. */
  public Mono<Void> ensureCurrent() {
    return replaceIfOlderThan(ChronoUnit.FOREVER.getDuration()).then();
  }

  /** Replaces the current key when it is at least {@code age} old (or missing). */
  public Mono<SigningKey> replaceIfOlderThan(Duration age) {
    return store
        .currentKeyAge()
        .map(current -> current.compareTo(age) >= 0)
        .defaultIfEmpty(true)
        .filter(Boolean::booleanValue)
        .flatMap(due -> generator.generate())
        .flatMap(key -> store.replaceCurrentIf(key, age, retireAfter))
        .doOnNext(key -> {
          log.info("signing key {} is now current", key.id());
          forget();
        });
  }

  /** Rotates now, whatever the current key's age. */
  public Mono<SigningKey> rotate() {
    return replaceIfOlderThan(Duration.ZERO)
        .switchIfEmpty(Mono.error(() -> new IllegalStateException("rotation replaced no key")));
  }

  private Mono<RSAKey> load() {
    return store
        .current()
        // Someone emptied the table while the service ran: start afresh.
        .switchIfEmpty(Mono.defer(() -> ensureCurrent().then(store.current())))
        .switchIfEmpty(Mono.error(() -> new IllegalStateException("no current signing key")));
  }

  /** The next {@link #current()} reads the table again: after this instance changed the keys. */
  private void forget() {
    cached.set(
        Mono.defer(this::load)
            .cache(key -> CACHE_TTL, error -> Duration.ZERO, () -> Duration.ZERO));
  }
}
