package dev.storefront.registry.publish;

import dev.storefront.registry.access.Principal;
import dev.storefront.registry.access.RegistryAccess;
import dev.storefront.registry.audit.WriteLog;
import dev.storefront.registry.runner.CompositionError;
import dev.storefront.registry.subgraph.SchemaStore;
import dev.storefront.registry.web.RequestRules;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Publish, check and rollback. An accepted publish answers 200 with the report; a rejected one 409
 * with the report (composition errors, classified changes, broken operations) and nothing stored; a
 * check answers the same way without storing; a schema that does not parse is 400. Publish and
 * check are the subgraph's own (its token, a routing URL from its allow-list), rollback the
 * administrator's; see {@link RegistryAccess}.
 */
@RestController
public class PublishController {

  private final SchemaPublisher publisher;
  private final SchemaStore schemas;
  private final RequestRules rules;
  private final RegistryAccess access;
  private final WriteLog writes;

  public PublishController(
      SchemaPublisher publisher,
      SchemaStore schemas,
      RequestRules rules,
      RegistryAccess access,
      WriteLog writes) {
    this.publisher = publisher;
    this.schemas = schemas;
    this.rules = rules;
    this.access = access;
    this.writes = writes;
  }

  @PostMapping("/subgraphs/{name}/publish")
  public Mono<ResponseEntity<PublishReport>> publish(
      @PathVariable String name,
      @RequestBody PublishRequest request,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    return ownSchema(authorization, name, request, "publish")
        .flatMap(owned ->
            publisher
                .publish(name, owned.candidate(), request.breakingAccepted(), owned.by().name())
                .map(report -> respond(name, report))
                .flatMap(response -> recorded(owned.by(), "publish", name, response)));
  }

  @PostMapping("/subgraphs/{name}/check")
  public Mono<ResponseEntity<PublishReport>> check(
      @PathVariable String name,
      @RequestBody PublishRequest request,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    return ownSchema(authorization, name, request, "check")
        .flatMap(owned -> publisher.check(name, owned.candidate(), request.breakingAccepted()))
        .map(report -> respond(name, report));
  }

  @PostMapping("/subgraphs/{name}/rollback")
  public Mono<ResponseEntity<PublishReport>> rollback(
      @PathVariable String name,
      @RequestBody RollbackRequest request,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    rules.subgraphName(name);
    return access
        .admin(authorization, "rollback", name)
        .flatMap(admin -> {
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
                  publisher.rollback(
                      name, target, Boolean.TRUE.equals(request.acceptBreaking()), admin.name()))
              .map(report -> respond(name, report))
              .flatMap(response -> recorded(admin, "rollback", name, response));
        });
  }

  private record Owned(Principal by, SchemaCandidate candidate) {}

  /** The name is valid, the caller is this subgraph, the body is valid and its URL allowed. */
  private Mono<Owned> ownSchema(
      String authorization, String name, PublishRequest request, String action) {
    rules.subgraphName(name);
    return access
        .subgraph(authorization, name, action)
        .flatMap(principal -> {
          var candidate = candidate(request);
          return access
              .routingUrl(principal, candidate.routingUrl(), action)
              .map(allowed -> new Owned(allowed, candidate));
        });
  }

  private SchemaCandidate candidate(PublishRequest request) {
    if (request == null) {
      throw RequestRules.badRequest("a JSON body with url and sdl is required");
    }
    return new SchemaCandidate(
        rules.routingUrl(request.url()), rules.sdl(request.sdl()), rules.label(request.label()));
  }

  private Mono<ResponseEntity<PublishReport>> recorded(
      Principal by, String action, String name, ResponseEntity<PublishReport> response) {
    var report = response.getBody();
    return writes
        .record(
            by.name(),
            action,
            name,
            response.getStatusCode().value(),
            report.status() + ": " + report.message())
        .thenReturn(response);
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
