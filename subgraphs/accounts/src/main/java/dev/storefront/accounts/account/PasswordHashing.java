package dev.storefront.accounts.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * bcrypt (cost 10) for passwords. A bcrypt round takes tens of milliseconds of CPU, so it runs on
 * the bounded-elastic scheduler and never blocks the event loop.
 *
 * <p>bcrypt reads at most 72 bytes (Spring's encoder rejects longer input) while passwords may be
 * 128 characters of any script. Every password is therefore first reduced to a fixed 44-character
 * HMAC-SHA-256 digest (base64, so no NUL bytes) and bcrypt hashes that. The HMAC key is not a
 * secret: it only separates these digests from plain SHA-256 hashes that might have leaked
 * elsewhere.
 */
@Component
public class PasswordHashing {

  private static final byte[] PRE_HASH_KEY =
      "storefront-accounts/password/v1".getBytes(StandardCharsets.UTF_8);

  private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);

  /**
   * Verified instead when there is no account, so that an unknown email costs as much time as a
   * wrong password and response times do not reveal which emails have accounts.
   */
  private final String dummyHash;

  public PasswordHashing() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.dummyHash = bcrypt.encode(Base64.getEncoder().encodeToString(random));
  }

  public Mono<String> hash(String password) {
    return Mono.fromCallable(() -> bcrypt.encode(preHash(password)))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** Whether the password matches; a null hash (no account, no password) never matches. */
  public Mono<Boolean> matches(String password, String hash) {
    return Mono.fromCallable(
            () -> {
              boolean matches = bcrypt.matches(preHash(password), hash == null ? dummyHash : hash);
              return matches && hash != null;
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** NFKC first (NIST SP 800-63B): the same password typed on another keyboard still matches. */
  static String preHash(String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(PRE_HASH_KEY, "HmacSHA256"));
      byte[] digest =
          mac.doFinal(
              Normalizer.normalize(password, Normalizer.Form.NFKC)
                  .getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
