package dev.storefront.registry.operation;

import java.util.List;

/**
 * Apollo's persisted query manifest: {@code {"format": "apollo-persisted-query-manifest",
 * "version": 1, "operations": [{"id", "name", "type", "body"}]}}, id = SHA-256 of the body.
 */
public record OperationManifest(String format, Integer version, List<Entry> operations) {

  public static final String FORMAT = "apollo-persisted-query-manifest";

  public record Entry(String id, String name, String type, String body) {}
}
