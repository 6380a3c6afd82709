package dev.storefront.registry.subgraph;

import dev.storefront.registry.access.RegistryAccess;
import dev.storefront.registry.runner.CompositionRunner;
import dev.storefront.registry.runner.SchemaChange;
import dev.storefront.registry.web.RequestRules;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * History: subgraphs, their versions (with who published each), one version's SDL, and the diff
 * between two versions. Open in development; in production any principal may read it.
 */
@RestController
public class SubgraphController {

  private final SchemaStore schemas;
  private final CompositionRunner runner;
  private final RequestRules rules;
  private final RegistryAccess access;

  public SubgraphController(
      SchemaStore schemas, CompositionRunner runner, RequestRules rules, RegistryAccess access) {
    this.schemas = schemas;
    this.runner = runner;
    this.rules = rules;
    this.access = access;
  }

  private static final String AUTHORIZATION = HttpHeaders.AUTHORIZATION;

  public record SubgraphSummary(
      String name, int currentVersion, String routingUrl, String label, OffsetDateTime updatedAt) {}

  public record VersionSummary(
      int version,
      String routingUrl,
      String label,
      String sdlSha256,
      OffsetDateTime createdAt,
      String publishedBy) {}

  public record VersionDiff(String subgraph, int from, int to, List<SchemaChange> changes) {}

  @GetMapping("/subgraphs")
  public Flux<SubgraphSummary> subgraphs(
      @RequestHeader(value = AUTHORIZATION, required = false) String authorization) {
    return access
        .history(authorization)
        .thenMany(schemas.currentSchemas())
        .map(s ->
            new SubgraphSummary(
                s.subgraph(), s.version(), s.routingUrl(), s.label(), s.createdAt()));
  }

  @GetMapping("/subgraphs/{name}/versions")
  public Mono<List<VersionSummary>> versions(
      @PathVariable String name,
      @RequestHeader(value = AUTHORIZATION, required = false) String authorization) {
    rules.subgraphName(name);
    return access
        .history(authorization)
        .thenMany(schemas.versions(name))
        .map(v ->
            new VersionSummary(
                v.version(),
                v.routingUrl(),
                v.label(),
                v.sdlSha256(),
                v.createdAt(),
                v.publishedBy()))
        .collectList()
        .filter(list -> !list.isEmpty())
        .switchIfEmpty(Mono.error(RequestRules.notFound("no subgraph named '" + name + "'")));
  }

  @GetMapping("/subgraphs/{name}/versions/{version}")
  public Mono<SchemaVersion> version(
      @PathVariable String name,
      @PathVariable int version,
      @RequestHeader(value = AUTHORIZATION, required = false) String authorization) {
    return access.history(authorization).then(existing(name, version));
  }

  @GetMapping("/subgraphs/{name}/diff")
  public Mono<VersionDiff> diff(
      @PathVariable String name,
      @RequestParam int from,
      @RequestParam int to,
      @RequestHeader(value = AUTHORIZATION, required = false) String authorization) {
    return access
        .history(authorization)
        .then(Mono.zip(existing(name, from), existing(name, to)))
        .flatMap(pair -> runner.diffSubgraph(pair.getT1().sdl(), pair.getT2().sdl()))
        .map(changes -> new VersionDiff(name, from, to, changes));
  }

  private Mono<SchemaVersion> existing(String name, int version) {
    rules.subgraphName(name);
    return schemas
        .version(name, version)
        .switchIfEmpty(
            Mono.error(RequestRules.notFound("%s has no version %d".formatted(name, version))));
  }
}
