package dev.storefront.registry.supergraph;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Component
public class SupergraphStore {

  private static final String COLUMNS =
      "id, supergraph, api_sdl, sha256, composed_from::text AS composed_from, reason, created_at,"
          + " published_by";

  private final DatabaseClient database;
  private final JsonMapper json;

  public SupergraphStore(DatabaseClient database, JsonMapper json) {
    this.database = database;
    this.json = json;
  }

  public Mono<SupergraphVersion> latest() {
    return database
        .sql("SELECT " + COLUMNS + " FROM supergraph_versions ORDER BY id DESC LIMIT 1")
        .map(this::read)
        .one();
  }

  public Mono<SupergraphVersion> byId(long id) {
    return database
        .sql("SELECT " + COLUMNS + " FROM supergraph_versions WHERE id = :id")
        .bind("id", id)
        .map(this::read)
        .one();
  }

  public Flux<SupergraphVersion> history() {
    return database
        .sql(
            "SELECT id, NULL AS supergraph, NULL AS api_sdl, sha256, composed_from::text AS composed_from,"
                + " reason, created_at, published_by FROM supergraph_versions ORDER BY id DESC")
        .map(this::read)
        .all();
  }

  public Mono<SupergraphVersion> append(
      String supergraphSdl,
      String apiSdl,
      String sha256,
      Map<String, Integer> composedFrom,
      String reason,
      String publishedBy) {
    return database
        .sql(
            "INSERT INTO supergraph_versions"
                + " (supergraph, api_sdl, sha256, composed_from, reason, published_by)"
                + " VALUES (:supergraph, :api, :sha, :from, :reason, :by) RETURNING "
                + COLUMNS)
        .bind("supergraph", supergraphSdl)
        .bind("api", apiSdl)
        .bind("sha", sha256)
        .bind("from", Json.of(json.writeValueAsString(composedFrom)))
        .bind("reason", reason)
        .bind("by", publishedBy)
        .map(this::read)
        .one();
  }

  private SupergraphVersion read(Readable row) {
    return new SupergraphVersion(
        row.get("id", Long.class),
        row.get("supergraph", String.class),
        row.get("api_sdl", String.class),
        row.get("sha256", String.class),
        json.readValue(
            row.get("composed_from", String.class), new TypeReference<Map<String, Integer>>() {}),
        row.get("reason", String.class),
        row.get("created_at", OffsetDateTime.class),
        row.get("published_by", String.class));
  }
}
