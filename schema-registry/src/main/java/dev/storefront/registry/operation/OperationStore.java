package dev.storefront.registry.operation;

import io.r2dbc.spi.Readable;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
public class OperationStore {

  private static final String COLUMNS = "client, client_version, operation_id, name, type, body";

  private final DatabaseClient database;
  private final TransactionalOperator transaction;

  public OperationStore(DatabaseClient database, TransactionalOperator transaction) {
    this.database = database;
    this.transaction = transaction;
  }

  /** Every registered operation of every client version: what a schema change must not break. */
  public Flux<ClientOperation> all() {
    return database
        .sql("SELECT " + COLUMNS + " FROM client_operations")
        .map(OperationStore::read)
        .all();
  }

  public Flux<ClientOperation> manifest(String client, String clientVersion) {
    return database
        .sql(
            "SELECT "
                + COLUMNS
                + " FROM client_operations WHERE client = :client AND client_version = :version ORDER BY name, operation_id")
        .bind("client", client)
        .bind("version", clientVersion)
        .map(OperationStore::read)
        .all();
  }

  /** Any client's operation with this id (ids are content hashes, so all copies are equal). */
  public Mono<ClientOperation> byId(String id) {
    return database
        .sql("SELECT " + COLUMNS + " FROM client_operations WHERE operation_id = :id LIMIT 1")
        .bind("id", id)
        .map(OperationStore::read)
        .one();
  }

  public Flux<ClientVersionSummary> clients() {
    return database
        .sql(
            "SELECT client, client_version, count(*) AS operations, max(created_at) AS registered_at,"
                + " max(registered_by) AS registered_by FROM client_operations"
                + " GROUP BY client, client_version ORDER BY client, client_version")
        .map(row ->
            new ClientVersionSummary(
                row.get("client", String.class),
                row.get("client_version", String.class),
                row.get("operations", Long.class),
                row.get("registered_at", java.time.OffsetDateTime.class),
                row.get("registered_by", String.class)))
        .all();
  }

  /** Replaces the client version's manifest as a whole, atomically. */
  public Mono<Void> replace(
      String client, String clientVersion, List<ClientOperation> operations, String registeredBy) {
    Mono<Void> delete = retire(client, clientVersion).then();
    Flux<Long> inserts =
        Flux.fromIterable(operations)
            .concatMap(operation -> {
              var spec =
                  database
                      .sql(
                          "INSERT INTO client_operations"
                              + " (client, client_version, operation_id, name, type, body, registered_by)"
                              + " VALUES (:client, :version, :id, :name, :type, :body, :by)")
                      .bind("client", client)
                      .bind("version", clientVersion)
                      .bind("id", operation.id())
                      .bind("type", operation.type())
                      .bind("body", operation.body())
                      .bind("by", registeredBy);
              spec =
                  operation.name() == null
                      ? spec.bindNull("name", String.class)
                      : spec.bind("name", operation.name());
              return spec.fetch().rowsUpdated();
            });
    return delete.thenMany(inserts).then().as(transaction::transactional);
  }

  public Mono<Long> retire(String client, String clientVersion) {
    return database
        .sql("DELETE FROM client_operations WHERE client = :client AND client_version = :version")
        .bind("client", client)
        .bind("version", clientVersion)
        .fetch()
        .rowsUpdated();
  }

  static ClientOperation read(Readable row) {
    return new ClientOperation(
        row.get("client", String.class),
        row.get("client_version", String.class),
        row.get("operation_id", String.class),
        row.get("name", String.class),
        row.get("type", String.class),
        row.get("body", String.class));
  }
}
