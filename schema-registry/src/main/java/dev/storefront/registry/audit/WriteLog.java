package dev.storefront.registry.audit;

import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The audit trail of writes, in the registry's database. */
@Component
public class WriteLog {

  /** Long enough for any message the registry writes, short enough to keep rows small. */
  static final int MAX_OUTCOME = 500;

  private final DatabaseClient database;

  public WriteLog(DatabaseClient database) {
    this.database = database;
  }

  public Mono<Void> record(String actor, String action, String target, int status, String outcome) {
    String text = outcome.length() > MAX_OUTCOME ? outcome.substring(0, MAX_OUTCOME) : outcome;
    return database
        .sql(
            "INSERT INTO registry_writes (actor, action, target, status, outcome)"
                + " VALUES (:actor, :action, :target, :status, :outcome)")
        .bind("actor", actor)
        .bind("action", action)
        .bind("target", target)
        .bind("status", status)
        .bind("outcome", text)
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
