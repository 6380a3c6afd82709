package dev.storefront.accounts.signingkey;

import dev.storefront.accounts.AuthSettings;
import dev.storefront.accounts.background.PeriodicJob;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Rotates the signing key once it is {@code storefront.auth.key-rotation-period} old, checked every
 * {@code key-rotation-check-interval}. With several instances the check runs in each; the lock in
 * {@link SigningKeyStore#replaceCurrentIf} lets only one of them rotate. Keys retired long ago are
 * deleted on the way.
 */
@Component
class KeyRotationSchedule extends PeriodicJob {

  private final SigningKeys keys;
  private final SigningKeyStore store;
  private final Duration period;

  KeyRotationSchedule(SigningKeys keys, SigningKeyStore store, AuthSettings settings) {
    super("signing key rotation check", settings.keyRotationCheckInterval());
    this.keys = keys;
    this.store = store;
    this.period = settings.keyRotationPeriod();
  }

  @Override
  protected Mono<Void> runOnce() {
    return keys.replaceIfOlderThan(period).then(store.deleteRetired()).then();
  }
}
