package dev.storefront.registry.audit;

import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The audit trail of writes, in the registry's database. Anyone who reaches the port can cause a
 * refusal, so refusals are bounded: every {@value #PRUNE_EVERY}th one deletes all but the newest
 * {@value #KEPT_REFUSALS}. Writes by principals are kept.
 */
@Component
public class WriteLog {

  /** Long enough for any message the registry writes, short enough to keep rows small. */
  static final int MAX_OUTCOME = 500;

  static final int KEPT_REFUSALS = 10_000;
  static final int PRUNE_EVERY = 100;

  private final DatabaseClient database;

  public WriteLog(DatabaseClient database) {
    this.database = database;
  }

  public Mono<Void> record(String actor, String action, String target, int status, String outcome) {
    return insert(actor, action, target, status, outcome, false).then();
  }

  /** A write refused before anything was looked at (no credential, or not the caller's right). */
  public Mono<Void> refusal(String actor, String action, String target, int status, String reason) {
    return insert(actor, action, target, status, "REFUSED: " + reason, true)
        .flatMap(id -> id % PRUNE_EVERY == 0 ? pruneRefusals() : Mono.empty());
  }

  private Mono<Long> insert(
      String actor, String action, String target, int status, String outcome, boolean refused) {
    String text = outcome.length() > MAX_OUTCOME ? outcome.substring(0, MAX_OUTCOME) : outcome;
    return database
        .sql(
            "INSERT INTO registry_writes (actor, action, target, status, outcome, refused)"
                + " VALUES (:actor, :action, :target, :status, :outcome, :refused) RETURNING id")
        .bind("actor", actor)
        .bind("action", action)
        .bind("target", target)
        .bind("status", status)
        .bind("outcome", text)
        .bind("refused", refused)
        .map(row -> row.get("id", Long.class))
        .one();
  }

  Mono<Void> pruneRefusals() {
    return database
        .sql(
            "DELETE FROM registry_writes WHERE refused AND id <= (SELECT id FROM registry_writes"
                + " WHERE refused ORDER BY id DESC OFFSET :kept LIMIT 1)")
        .bind("kept", KEPT_REFUSALS)
        .then();
  }

  /** Newest first, at most {@code limit}; {@code target} null means every target. */
  public Flux<WriteRecord> recent(String target, int limit) {
    var spec =
        database.sql(
            "SELECT id, at, actor, action, target, status, outcome FROM registry_writes"
                + (target == null ? "" : " WHERE target = :target")
                + " ORDER BY id DESC LIMIT :limit");
    if (target != null) {
      spec = spec.bind("target", target);
    }
    return spec.bind("limit", limit)
        .map(row ->
            new WriteRecord(
                row.get("id", Long.class),
                row.get("at", OffsetDateTime.class),
                row.get("actor", String.class),
                row.get("action", String.class),
                row.get("target", String.class),
                row.get("status", Integer.class),
                row.get("outcome", String.class)))
        .all();
  }
}
