package dev.storefront.registry.publish;

import dev.storefront.registry.Sha256;
import dev.storefront.registry.operation.OperationStore;
import dev.storefront.registry.publish.PublishReport.Status;
import dev.storefront.registry.runner.Composition;
import dev.storefront.registry.runner.CompositionRunner;
import dev.storefront.registry.runner.OperationInput;
import dev.storefront.registry.runner.SchemaChange;
import dev.storefront.registry.runner.SubgraphInput;
import dev.storefront.registry.subgraph.SchemaStore;
import dev.storefront.registry.subgraph.SchemaVersion;
import dev.storefront.registry.supergraph.SupergraphStore;
import dev.storefront.registry.supergraph.SupergraphVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Publishes, checks and rolls back subgraph schemas. A candidate is composed with the current
 * schema of every other subgraph; it is accepted only when the supergraph composes, no registered
 * client operation stops validating, and it has no breaking change (unless the caller accepts
 * breaking changes that no registered operation uses). Publishes are serialised by a PostgreSQL
 * advisory lock held for the whole transaction, so concurrent publishes of different subgraphs each
 * compose against the other's result and none is lost.
 */
@Service
public class SchemaPublisher {

  private static final Logger log = LoggerFactory.getLogger(SchemaPublisher.class);

  /** Any constant works; it only has to be the same for every registry instance. */
  private static final long PUBLISH_LOCK = 4010L;

  private final SchemaStore schemas;
  private final SupergraphStore supergraphs;
  private final OperationStore operations;
  private final CompositionRunner runner;
  private final DatabaseClient database;
  private final TransactionalOperator transaction;

  public SchemaPublisher(
      SchemaStore schemas,
      SupergraphStore supergraphs,
      OperationStore operations,
      CompositionRunner runner,
      DatabaseClient database,
      TransactionalOperator transaction) {
    this.schemas = schemas;
    this.supergraphs = supergraphs;
    this.operations = operations;
    this.runner = runner;
    this.database = database;
    this.transaction = transaction;
  }

  /** {@code actor}: the principal publishing, stored with the versions it creates. */
  public Mono<PublishReport> publish(
      String subgraph, SchemaCandidate candidate, boolean acceptBreaking, String actor) {
    String reason = "publish " + subgraph + describe(candidate.label());
    return database
        .sql("SELECT pg_advisory_xact_lock(" + PUBLISH_LOCK + ")")
        .then()
        .then(evaluate(subgraph, candidate, acceptBreaking, true, reason, actor))
        .as(transaction::transactional);
  }

  /** The same decision as {@link #publish} without storing anything. */
  public Mono<PublishReport> check(
      String subgraph, SchemaCandidate candidate, boolean acceptBreaking) {
    return evaluate(subgraph, candidate, acceptBreaking, false, "check", null);
  }

  /** Makes an earlier version current again, as a new version, checked like a publish. */
  public Mono<PublishReport> rollback(
      String subgraph, SchemaVersion target, boolean acceptBreaking, String actor) {
    var candidate =
        new SchemaCandidate(target.routingUrl(), target.sdl(), "rollback to v" + target.version());
    return publish(subgraph, candidate, acceptBreaking, actor);
  }

  private Mono<PublishReport> evaluate(
      String subgraph,
      SchemaCandidate candidate,
      boolean acceptBreaking,
      boolean store,
      String reason,
      String actor) {
    Mono<List<SchemaVersion>> current = schemas.currentSchemas().collectList();
    Mono<Optional<SupergraphVersion>> latest =
        supergraphs.latest().map(Optional::of).defaultIfEmpty(Optional.empty());
    Mono<List<OperationInput>> registered =
        operations
            .all()
            .map(op ->
                new OperationInput(op.client(), op.clientVersion(), op.id(), op.name(), op.body()))
            .collectList();
    return Mono.zip(current, latest, registered)
        .flatMap(state -> {
          List<SchemaVersion> currentSchemas = state.getT1();
          Optional<SchemaVersion> existing =
              currentSchemas.stream().filter(s -> s.subgraph().equals(subgraph)).findFirst();
          if (existing.isPresent()
              && existing.get().sdlSha256().equals(candidate.sha256())
              && existing.get().routingUrl().equals(candidate.routingUrl())
              && state.getT2().isPresent()) {
            return Mono.just(unchanged(subgraph, existing.get(), state.getT2().get()));
          }
          var inputs = new ArrayList<SubgraphInput>();
          for (var schema : currentSchemas) {
            if (!schema.subgraph().equals(subgraph)) {
              inputs.add(new SubgraphInput(schema.subgraph(), schema.routingUrl(), schema.sdl()));
            }
          }
          inputs.add(new SubgraphInput(subgraph, candidate.routingUrl(), candidate.sdl()));
          String previousApi = state.getT2().map(SupergraphVersion::apiSdl).orElse(null);
          return runner
              .compose(inputs, previousApi, state.getT3())
              .flatMap(composition -> {
                PublishReport rejection = rejection(subgraph, composition, acceptBreaking);
                if (rejection != null) {
                  return Mono.just(rejection);
                }
                if (!store) {
                  return Mono.just(
                      report(
                          subgraph,
                          Status.PASSED,
                          "The schema would be accepted",
                          null,
                          null,
                          composition));
                }
                return storeAccepted(
                    subgraph, candidate, composition, currentSchemas, reason, actor);
              });
        });
  }

  private Mono<PublishReport> storeAccepted(
      String subgraph,
      SchemaCandidate candidate,
      Composition composition,
      List<SchemaVersion> currentSchemas,
      String reason,
      String actor) {
    return schemas
        .append(
            subgraph,
            candidate.routingUrl(),
            candidate.sdl(),
            candidate.sha256(),
            candidate.label(),
            actor)
        .flatMap(stored -> {
          Map<String, Integer> composedFrom = new LinkedHashMap<>();
          currentSchemas.forEach(s -> composedFrom.put(s.subgraph(), s.version()));
          composedFrom.put(subgraph, stored.version());
          return supergraphs
              .append(
                  composition.supergraphSdl(),
                  composition.apiSdl(),
                  Sha256.hex(composition.supergraphSdl()),
                  composedFrom,
                  reason,
                  actor)
              .map(supergraph -> {
                log.info(
                    "Published {} v{}; supergraph version {}",
                    subgraph,
                    stored.version(),
                    supergraph.id());
                return report(
                    subgraph,
                    Status.PUBLISHED,
                    "Published %s v%d; supergraph version %d"
                        .formatted(subgraph, stored.version(), supergraph.id()),
                    stored.version(),
                    supergraph.id(),
                    composition);
              });
        });
  }

  static PublishReport rejection(String subgraph, Composition composition, boolean acceptBreaking) {
    if (!composition.composed()) {
      return report(
          subgraph,
          Status.REJECTED,
          "The supergraph does not compose with this schema",
          null,
          null,
          composition);
    }
    if (!composition.brokenOperations().isEmpty()) {
      var names =
          composition.brokenOperations().stream()
              .map(op ->
                  "%s@%s %s"
                      .formatted(
                          op.client(), op.clientVersion(), op.name() == null ? op.id() : op.name()))
              .distinct()
              .toList();
      return report(
          subgraph,
          Status.REJECTED,
          "The change breaks registered client operations: " + String.join(", ", names),
          null,
          null,
          composition);
    }
    long breaking = composition.changes().stream().filter(SchemaChange::breaking).count();
    if (breaking > 0 && !acceptBreaking) {
      return report(
          subgraph,
          Status.REJECTED,
          "%d breaking change(s); no registered operation uses them, so they can be accepted explicitly (acceptBreaking)"
              .formatted(breaking),
          null,
          null,
          composition);
    }
    return null;
  }

  private static PublishReport unchanged(
      String subgraph, SchemaVersion current, SupergraphVersion supergraph) {
    return new PublishReport(
        subgraph,
        Status.UNCHANGED,
        "Same schema and URL as %s v%d; nothing stored".formatted(subgraph, current.version()),
        current.version(),
        supergraph.id(),
        List.of(),
        List.of(),
        List.of());
  }

  private static PublishReport report(
      String subgraph,
      Status status,
      String message,
      Integer version,
      Long supergraphVersion,
      Composition composition) {
    return new PublishReport(
        subgraph,
        status,
        message,
        version,
        supergraphVersion,
        composition.errors(),
        composition.changes(),
        composition.brokenOperations());
  }

  private static String describe(String label) {
    return label == null ? "" : " (" + label + ")";
  }
}
