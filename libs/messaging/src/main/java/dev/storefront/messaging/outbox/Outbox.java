package dev.storefront.messaging.outbox;

import dev.storefront.messaging.AfterCommit;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the service's outbox table. Call it inside the transaction that makes the
 * state change the event describes: both commit, or neither does.
 */
public class Outbox {

  private final DatabaseClient db;
  private final JsonMapper json;
  private volatile Runnable afterCommit = () -> {};

  public Outbox(DatabaseClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  /** Called once a transaction that recorded events has committed (the relay's wake-up). */
  public void afterCommit(Runnable listener) {
    this.afterCommit = listener;
  }

  public Mono<Void> record(String type, String aggregateId, Object payload) {
    return AfterCommit.run(() -> Mono.fromRunnable(afterCommit))
        .then(insert(type, aggregateId, payload));
  }

  private Mono<Void> insert(String type, String aggregateId, Object payload) {
    return db.sql(
            "INSERT INTO outbox (event_id, type, aggregate_id, payload)"
                + " VALUES (:eventId, :type, :aggregateId, CAST(:payload AS jsonb))")
        .bind("eventId", UUID.randomUUID())
        .bind("type", type)
        .bind("aggregateId", aggregateId)
        .bind("payload", json.writeValueAsString(payload))
        .then();
  }
}
