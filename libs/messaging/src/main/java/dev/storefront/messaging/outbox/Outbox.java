package dev.storefront.messaging.outbox;

import dev.storefront.messaging.AfterCommit;
import dev.storefront.messaging.tracing.TraceParents;
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
  private final TraceParents traceParents;
  private volatile Runnable afterCommit = () -> {};

  public Outbox(DatabaseClient db, JsonMapper json, TraceParents traceParents) {
    this.db = db;
    this.json = json;
    this.traceParents = traceParents;
  }

  /** Called once a transaction that recorded events has committed (the relay's wake-up). */
  public void afterCommit(Runnable listener) {
    this.afterCommit = listener;
  }

  public Mono<Void> record(String type, String aggregateId, Object payload) {
    return AfterCommit.run(() -> Mono.fromRunnable(afterCommit))
        .then(insert(type, aggregateId, payload));
  }

  /** The row keeps the writer's traceparent: the relay puts it on the stream entry. */
  private Mono<Void> insert(String type, String aggregateId, Object payload) {
    return Mono.deferContextual(reactor -> {
      var insert =
          db.sql(
                  "INSERT INTO outbox (event_id, type, aggregate_id, payload, trace_parent)"
                      + " VALUES (:eventId, :type, :aggregateId, CAST(:payload AS jsonb),"
                      + " :traceParent)")
              .bind("eventId", UUID.randomUUID())
              .bind("type", type)
              .bind("aggregateId", aggregateId)
              .bind("payload", json.writeValueAsString(payload));
      return traceParents
          .current(reactor)
          .map(traceParent -> insert.bind("traceParent", traceParent))
          .orElseGet(() -> insert.bindNull("traceParent", String.class))
          .then();
    });
  }
}
