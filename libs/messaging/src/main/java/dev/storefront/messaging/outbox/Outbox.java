package dev.storefront.messaging.outbox;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.IntegrationEvent;
import dev.storefront.messaging.AfterCommit;
import dev.storefront.telemetry.StoredTraceContext;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Records an event in the service's outbox table. Call it inside the transaction that makes the
 * state change the event describes: both commit, or neither does. The relay publishes it later,
 * keyed by its order id.
 */
public class Outbox {

  private final DatabaseClient db;
  private final EventCodec codec;
  private final StoredTraceContext traces;
  private volatile Runnable afterCommit = () -> {};

  public Outbox(DatabaseClient db, EventCodec codec, StoredTraceContext traces) {
    this.db = db;
    this.codec = codec;
    this.traces = traces;
  }

  /** Called once a transaction that recorded events has committed (the relay's wake-up). */
  public void afterCommit(Runnable listener) {
    this.afterCommit = listener;
  }

  public Mono<Void> record(IntegrationEvent event) {
    EventCatalog.Contract contract = EventCatalog.of(event.getClass());
    return AfterCommit.run(() -> Mono.fromRunnable(afterCommit))
        .then(
            Mono.deferContextual(context -> {
              var insert =
                  db.sql(
                          "INSERT INTO outbox (event_id, type, version, aggregate_id, payload, trace_parent)"
                              + " VALUES (:eventId, :type, :version, :aggregateId, CAST(:payload AS jsonb), :traceParent)")
                      .bind("eventId", UUID.randomUUID())
                      .bind("type", contract.name())
                      .bind("version", contract.version())
                      .bind("aggregateId", event.orderId().toString())
                      .bind("payload", codec.writeString(event));
              Optional<String> traceParent = traces.current(context);
              return (traceParent.isPresent()
                      ? insert.bind("traceParent", traceParent.get())
                      : insert.bindNull("traceParent", String.class))
                  .then();
            }));
  }
}
