package dev.storefront.accounts.signingkey;

import dev.storefront.accounts.AuthSettings;
import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Before the service reports ready: a first key when there is none, and a fresh one when the
 * current key came of age while no instance was running.
 */
@Component
class SigningKeyStartup implements ApplicationRunner {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final SigningKeys keys;
  private final Duration period;

  SigningKeyStartup(SigningKeys keys, AuthSettings settings) {
    this.keys = keys;
    this.period = settings.keyRotationPeriod();
  }

  @Override
  public void run(ApplicationArguments args) {
    keys.replaceIfOlderThan(period).then(keys.current()).block(TIMEOUT);
  }
}
