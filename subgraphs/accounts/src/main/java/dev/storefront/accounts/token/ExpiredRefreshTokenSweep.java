package dev.storefront.accounts.token;

import dev.storefront.accounts.background.PeriodicJob;
import dev.storefront.service.database.SqlStatementCounter;
import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes expired refresh tokens, which can do nothing any more (an expired token is refused
 * whether or not its row exists), so that the table does not grow with every sign-in forever.
 */
@Component
class ExpiredRefreshTokenSweep extends PeriodicJob {

  private static final int BATCH = 1000;

  private final DatabaseClient db;

  ExpiredRefreshTokenSweep(DatabaseClient db) {
    super("expired refresh token sweep", Duration.ofHours(1));
    this.db = db;
  }

  /** In batches, so one sweep never holds many row locks at once. */
  @Override
  protected Mono<Void> runOnce() {
    return deleteBatch().expand(count -> count == BATCH ? deleteBatch() : Mono.empty()).then();
  }

  private Mono<Long> deleteBatch() {
    return db.sql(
            SqlStatementCounter.BACKGROUND
                + "DELETE FROM refresh_tokens WHERE id IN (SELECT id FROM refresh_tokens"
                + " WHERE expires_at < now() LIMIT "
                + BATCH
                + ")")
        .fetch()
        .rowsUpdated();
  }
}
