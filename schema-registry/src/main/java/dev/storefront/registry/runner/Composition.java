package dev.storefront.registry.runner;

import java.util.List;

/** What the composition runner answers for a set of subgraphs. */
public record Composition(
    boolean composed,
    List<CompositionError> errors,
    String supergraphSdl,
    String apiSdl,
    List<SchemaChange> changes,
    List<BrokenOperation> brokenOperations) {

  public Composition {
    errors = errors == null ? List.of() : errors;
    changes = changes == null ? List.of() : changes;
    brokenOperations = brokenOperations == null ? List.of() : brokenOperations;
  }
}
