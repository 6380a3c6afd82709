package dev.storefront.registry.publish;

import dev.storefront.registry.runner.CompositionError;
import dev.storefront.registry.subgraph.SchemaStore;
import dev.storefront.registry.web.RequestRules;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Publish, check and rollback. An accepted publish answers 200 with the report; a rejected one 409
 * with the report (composition errors, classified changes, broken operations) and nothing stored; a
 * check answers the same way without storing; a schema that does not parse is 400.
 */
@RestController
public class PublishController {

  private final SchemaPublisher publisher;
  private final SchemaStore schemas;
  private final RequestRules rules;

  public PublishController(SchemaPublisher publisher, SchemaStore schemas, RequestRules rules) {
    this.publisher = publisher;
    this.schemas = schemas;
    this.rules = rules;
  }

  @PostMapping("/subgraphs/{name}/publish")
  public Mono<ResponseEntity<PublishReport>> publish(
      @PathVariable String name, @RequestBody PublishRequest request) {
    var candidate = candidate(name, request);
    return publisher
        .publish(name, candidate, request.breakingAccepted())
        .map(report -> respond(name, report));
  }

  @PostMapping("/subgraphs/{name}/check")
  public Mono<ResponseEntity<PublishReport>> check(
      @PathVariable String name, @RequestBody PublishRequest request) {
    var candidate = candidate(name, request);
    return publisher
        .check(name, candidate, request.breakingAccepted())
        .map(report -> respond(name, report));
  }

  @PostMapping("/subgraphs/{name}/rollback")
  public Mono<ResponseEntity<PublishReport>> rollback(
      @PathVariable String name, @RequestBody RollbackRequest request) {
    rules.subgraphName(name);
    if (request.version() == null || request.version() < 1) {
      throw RequestRules.badRequest("version (a positive schema version number) is required");
    }
    return schemas
        .exists(name)
        .flatMap(exists ->
            exists
                ? schemas
                    .version(name, request.version())
                    .switchIfEmpty(
                        Mono.error(
                            RequestRules.notFound(
                                "%s has no version %d".formatted(name, request.version()))))
                : Mono.error(RequestRules.notFound("no subgraph named '" + name + "'")))
        .flatMap(target ->
            publisher.rollback(name, target, Boolean.TRUE.equals(request.acceptBreaking())))
        .map(report -> respond(name, report));
  }

  private SchemaCandidate candidate(String name, PublishRequest request) {
    rules.subgraphName(name);
    if (request == null) {
      throw RequestRules.badRequest("a JSON body with url and sdl is required");
    }
    return new SchemaCandidate(
        rules.routingUrl(request.url()), rules.sdl(request.sdl()), rules.label(request.label()));
  }

  private static ResponseEntity<PublishReport> respond(String subgraph, PublishReport report) {
    if (report.accepted()) {
      return ResponseEntity.ok(report);
    }
    // The caller's own schema does not parse: a bad request, not a conflict with the graph.
    boolean ownSchemaInvalid =
        report.compositionErrors().stream()
            .map(CompositionError::subgraph)
            .anyMatch(subgraph::equals);
    return ResponseEntity.status(ownSchemaInvalid ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT)
        .body(report);
  }
}
