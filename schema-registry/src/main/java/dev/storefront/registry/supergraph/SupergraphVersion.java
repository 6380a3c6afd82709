package dev.storefront.registry.supergraph;

import java.time.OffsetDateTime;
import java.util.Map;

/** A composed supergraph, the subgraph versions it came from and why it was composed. */
public record SupergraphVersion(
    long id,
    String supergraphSdl,
    String apiSdl,
    String sha256,
    Map<String, Integer> composedFrom,
    String reason,
    OffsetDateTime createdAt,
    String publishedBy) {

  /** A strong ETag: the same supergraph text always has the same tag. */
  public String etag() {
    return "\"" + sha256 + "\"";
  }
}
