package dev.storefront.registry.subgraph;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Subgraphs and their schema versions in the registry's database. */
@Component
public class SchemaStore {

  private static final String COLUMNS =
      "v.subgraph, v.version, v.routing_url, v.sdl, v.sdl_sha256, v.label, v.created_at,"
          + " v.published_by";

  private final DatabaseClient database;

  public SchemaStore(DatabaseClient database) {
    this.database = database;
  }

  /** The schema each subgraph currently contributes to the supergraph, by name. */
  public Flux<SchemaVersion> currentSchemas() {
    return database
        .sql(
            "SELECT "
                + COLUMNS
                + " FROM subgraphs s JOIN schema_versions v"
                + " ON v.subgraph = s.name AND v.version = s.current_version ORDER BY s.name")
        .map(SchemaStore::read)
        .all();
  }

  public Mono<SchemaVersion> version(String subgraph, int version) {
    return database
        .sql(
            "SELECT "
                + COLUMNS
                + " FROM schema_versions v WHERE v.subgraph = :subgraph AND v.version = :version")
        .bind("subgraph", subgraph)
        .bind("version", version)
        .map(SchemaStore::read)
        .one();
  }

  public Flux<SchemaVersion> versions(String subgraph) {
    return database
        .sql(
            "SELECT "
                + COLUMNS
                + " FROM schema_versions v WHERE v.subgraph = :subgraph ORDER BY v.version")
        .bind("subgraph", subgraph)
        .map(SchemaStore::read)
        .all();
  }

  public Mono<Boolean> exists(String subgraph) {
    return database
        .sql("SELECT count(*) AS n FROM subgraphs WHERE name = :name")
        .bind("name", subgraph)
        .map(row -> row.get("n", Long.class) > 0)
        .one();
  }

  /** Stores a new version and makes it the subgraph's current one. Call inside the publish lock. */
  public Mono<SchemaVersion> append(
      String subgraph,
      String routingUrl,
      String sdl,
      String sdlSha256,
      String label,
      String publishedBy) {
    return database
        .sql("INSERT INTO subgraphs (name) VALUES (:name) ON CONFLICT (name) DO NOTHING")
        .bind("name", subgraph)
        .then()
        .then(
            database
                .sql(
                    "INSERT INTO schema_versions"
                        + " (subgraph, version, routing_url, sdl, sdl_sha256, label, published_by)"
                        + " SELECT :subgraph, coalesce(max(version), 0) + 1, :url, :sdl, :sha, :label, :by"
                        + " FROM schema_versions WHERE subgraph = :subgraph"
                        + " RETURNING subgraph, version, routing_url, sdl, sdl_sha256, label, created_at,"
                        + " published_by")
                .bind("subgraph", subgraph)
                .bind("url", routingUrl)
                .bind("sdl", sdl)
                .bind("sha", sdlSha256)
                .bind("label", label == null ? "" : label)
                .bind("by", publishedBy)
                .map(SchemaStore::read)
                .one())
        .flatMap(stored ->
            database
                .sql("UPDATE subgraphs SET current_version = :version WHERE name = :name")
                .bind("version", stored.version())
                .bind("name", subgraph)
                .then()
                .thenReturn(stored));
  }

  static SchemaVersion read(Readable row) {
    String label = row.get("label", String.class);
    return new SchemaVersion(
        row.get("subgraph", String.class),
        row.get("version", Integer.class),
        row.get("routing_url", String.class),
        row.get("sdl", String.class),
        row.get("sdl_sha256", String.class),
        label == null || label.isEmpty() ? null : label,
        row.get("created_at", OffsetDateTime.class),
        row.get("published_by", String.class));
  }
}
