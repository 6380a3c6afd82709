package dev.storefront.registry.subgraph;

import java.time.OffsetDateTime;

/**
 * One accepted schema of a subgraph. Versions count from 1 per subgraph and never change. {@code
 * publishedBy}: the principal that published it (null for versions from before principals).
 */
public record SchemaVersion(
    String subgraph,
    int version,
    String routingUrl,
    String sdl,
    String sdlSha256,
    String label,
    OffsetDateTime createdAt,
    String publishedBy) {}
