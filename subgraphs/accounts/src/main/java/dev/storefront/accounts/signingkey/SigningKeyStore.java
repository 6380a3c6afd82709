package dev.storefront.accounts.signingkey;

import com.nimbusds.jose.jwk.RSAKey;
import dev.storefront.service.database.SqlStatementCounter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code signing_keys} table. Private keys are stored unencrypted in accounts' own database
 * (see the migration); keeping them under a KMS-held key is future work.
 */
@Component
class SigningKeyStore {

  /**
   * Serialises key changes across instances: two instances starting at once must not both create a
   * first key, nor both rotate a key that has come of age. Any constant unique in this database.
   */
  private static final long KEY_CHANGE_LOCK = 0x5349474e4b455953L;

  // clock_timestamp(), not now(): inside a transaction now() is its start, before a wait for the
  // lock, and a key created meanwhile would look younger than zero.
  private static final String CURRENT_KEY_AGE =
      "SELECT extract(epoch FROM clock_timestamp() - created_at)::bigint AS age_seconds"
          + " FROM signing_keys WHERE retires_at IS NULL ORDER BY created_at DESC LIMIT 1";

  private final DatabaseClient db;
  private final TransactionalOperator tx;

  SigningKeyStore(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  /** The newest key whose retires_at is null, private half included. */
  Mono<RSAKey> current() {
    return db.sql(
            "SELECT kid, private_key, public_jwk FROM signing_keys WHERE retires_at IS NULL"
                + " ORDER BY created_at DESC LIMIT 1")
        .map(row ->
            withPrivateKey(
                row.get("kid", String.class),
                row.get("public_jwk", String.class),
                row.get("private_key", String.class)))
        .one();
  }

  /** The public halves of the keys still published (current, or retiring later), newest first. */
  Flux<RSAKey> published() {
    return db.sql(
            "SELECT kid, public_jwk FROM signing_keys"
                + " WHERE retires_at IS NULL OR retires_at > now() ORDER BY created_at DESC")
        .map(row -> parsePublic(row.get("kid", String.class), row.get("public_jwk", String.class)))
        .all();
  }

  /**
   * Deletes keys retired over a day ago: nothing verifies with them any more, so their private
   * halves are only a liability.
   */
  Mono<Long> deleteRetired() {
    return db.sql(
            SqlStatementCounter.BACKGROUND
                + "DELETE FROM signing_keys WHERE retires_at < now() - interval '1 day'")
        .fetch()
        .rowsUpdated();
  }

  /** How old the current key is; empty when there is none. Polled by the rotation check. */
  Mono<Duration> currentKeyAge() {
    return db.sql(SqlStatementCounter.BACKGROUND + CURRENT_KEY_AGE)
        .map(row -> Duration.ofSeconds(row.get("age_seconds", Long.class)))
        .one();
  }

  /**
   * Makes {@code key} the current key if there is none or the current one is at least {@code
   * olderThan} old (decided under the lock, so of instances racing only one replaces). The replaced
   * key stays published for {@code retireAfter}. Empty when nothing was replaced.
   */
  Mono<SigningKey> replaceCurrentIf(NewSigningKey key, Duration olderThan, Duration retireAfter) {
    Mono<SigningKey> replace =
        db.sql("SELECT pg_advisory_xact_lock(:lock)")
            .bind("lock", KEY_CHANGE_LOCK)
            .then()
            .then(
                db.sql(CURRENT_KEY_AGE)
                    .map(row -> Duration.ofSeconds(row.get("age_seconds", Long.class)))
                    .one()
                    .map(age -> age.compareTo(olderThan) >= 0)
                    .defaultIfEmpty(true))
            .filter(Boolean::booleanValue)
            .flatMap(due ->
                db.sql(
                        "UPDATE signing_keys"
                            + " SET retires_at = clock_timestamp() + :seconds * interval '1 second'"
                            + " WHERE retires_at IS NULL")
                    .bind("seconds", retireAfter.toSeconds())
                    .then()
                    .then(insert(key)));
    return tx.transactional(replace);
  }

  // clock_timestamp(), not now() (the transaction's start): a transaction that waited for the lock
  // must still create the newest key, and the old key must stay published for the full time after
  // the rotation took effect.
  private Mono<SigningKey> insert(NewSigningKey key) {
    return db.sql(
            "INSERT INTO signing_keys (kid, private_key, public_jwk, created_at)"
                + " VALUES (:kid, :privateKey, :publicJwk, clock_timestamp()) RETURNING created_at")
        .bind("kid", key.kid())
        .bind("privateKey", key.privateKey())
        .bind("publicJwk", key.publicJwk())
        .map(row -> new SigningKey(key.kid(), "RS256", row.get("created_at", OffsetDateTime.class)))
        .one();
  }

  private static RSAKey parsePublic(String kid, String publicJwk) {
    try {
      return RSAKey.parse(publicJwk);
    } catch (ParseException e) {
      throw new IllegalStateException("signing key " + kid + " has a malformed JWK", e);
    }
  }

  private static RSAKey withPrivateKey(String kid, String publicJwk, String privateKey) {
    try {
      var spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey));
      var key = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
      return new RSAKey.Builder(parsePublic(kid, publicJwk)).privateKey(key).build();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("signing key " + kid + " has a malformed private key", e);
    }
  }
}
