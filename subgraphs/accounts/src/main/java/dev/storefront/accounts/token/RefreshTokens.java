package dev.storefront.accounts.token;

import dev.storefront.accounts.AuthSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code refresh_tokens} table: opaque tokens (32 random bytes, base64url) of which only the
 * SHA-256 is stored. Each token can be spent once; tokens of one sign-in form a family.
 */
@Component
class RefreshTokens {

  /** What the rows say about a presented token that could not be spent. */
  enum Unspendable {
    /** Never issued (or deleted after expiry), expired, or revoked. */
    INVALID,
    /** Spent before: a copy is being replayed. */
    REUSED
  }

  /** A token that was just spent: its sign-in continues with a successor. */
  record Spent(UUID familyId, long userId) {}

  private record Found(UUID familyId, boolean used) {}

  // 43 characters are issued; anything much longer was never ours and is not worth hashing.
  private static final int MAX_TOKEN_LENGTH = 100;

  private final DatabaseClient db;
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();

  RefreshTokens(DatabaseClient db, Clock clock, AuthSettings settings) {
    this.db = db;
    this.clock = clock;
    this.ttl = settings.refreshTokenTtl();
  }

  /** A new token of the family (a new family for a new sign-in). */
  Mono<IssuedRefreshToken> issue(long userId, UUID familyId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    // Microseconds: what PostgreSQL keeps, so the payload shows the stored expiry exactly.
    OffsetDateTime expiresAt =
        OffsetDateTime.now(clock)
            .withOffsetSameInstant(ZoneOffset.UTC)
            .plus(ttl)
            .truncatedTo(ChronoUnit.MICROS);
    return db.sql(
            "INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at)"
                + " VALUES (:id, :family, :user, :hash, :expires)")
        .bind("id", UUID.randomUUID())
        .bind("family", familyId)
        .bind("user", userId)
        .bind("hash", hash(token))
        .bind("expires", expiresAt)
        .then()
        .thenReturn(new IssuedRefreshToken(token, expiresAt));
  }

  /**
   * Spends the token if it is unspent, unrevoked and unexpired. The row lock of the UPDATE makes
   * this atomic: of two concurrent attempts with one token, the second sees it spent.
   */
  Mono<Spent> spend(String token) {
    if (!plausible(token)) {
      return Mono.empty();
    }
    return db.sql(
            "UPDATE refresh_tokens SET used_at = now() WHERE token_hash = :hash"
                + " AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()"
                + " RETURNING family_id, user_id")
        .bind("hash", hash(token))
        .map(row -> new Spent(row.get("family_id", UUID.class), row.get("user_id", Long.class)))
        .one();
  }

  /**
   * Why a token could not be spent. A replayed token revokes its whole family: the thief or the
   * rightful owner holds the successor, and nobody can tell which.
   */
  Mono<Unspendable> diagnose(String token) {
    if (!plausible(token)) {
      return Mono.just(Unspendable.INVALID);
    }
    return db.sql(
            "SELECT family_id, used_at IS NOT NULL AS used FROM refresh_tokens"
                + " WHERE token_hash = :hash")
        .bind("hash", hash(token))
        .map(row -> new Found(row.get("family_id", UUID.class), row.get("used", Boolean.class)))
        .one()
        .flatMap(found ->
            found.used()
                ? revokeFamily(found.familyId()).thenReturn(Unspendable.REUSED)
                : Mono.just(Unspendable.INVALID))
        .defaultIfEmpty(Unspendable.INVALID);
  }

  /** Revokes the family of the token, if there is one. */
  Mono<Void> revokeFamilyOf(String token) {
    if (!plausible(token)) {
      return Mono.empty();
    }
    return db.sql(
            "UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND family_id ="
                + " (SELECT family_id FROM refresh_tokens WHERE token_hash = :hash)")
        .bind("hash", hash(token))
        .then();
  }

  private Mono<Void> revokeFamily(UUID familyId) {
    return db.sql(
            "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = :family"
                + " AND revoked_at IS NULL")
        .bind("family", familyId)
        .then();
  }

  private static boolean plausible(String token) {
    return token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH;
  }

  static ByteBuffer hash(String token) {
    try {
      return ByteBuffer.wrap(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
