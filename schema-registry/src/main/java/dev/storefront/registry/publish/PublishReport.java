package dev.storefront.registry.publish;

import dev.storefront.registry.runner.BrokenOperation;
import dev.storefront.registry.runner.CompositionError;
import dev.storefront.registry.runner.SchemaChange;
import java.util.List;

/**
 * What a publish, check or rollback concluded, and everything that led there. {@code status}:
 * PUBLISHED (stored), UNCHANGED (same schema and URL as the current version: nothing stored),
 * PASSED (a check that would publish), REJECTED (nothing stored; see the lists and message).
 */
public record PublishReport(
    String subgraph,
    Status status,
    String message,
    Integer schemaVersion,
    Long supergraphVersion,
    List<CompositionError> compositionErrors,
    List<SchemaChange> changes,
    List<BrokenOperation> brokenOperations) {

  public enum Status {
    PUBLISHED,
    UNCHANGED,
    PASSED,
    REJECTED
  }

  public boolean accepted() {
    return status != Status.REJECTED;
  }
}
