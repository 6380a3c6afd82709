package dev.storefront.registry.subgraph;

import dev.storefront.registry.runner.CompositionRunner;
import dev.storefront.registry.runner.SchemaChange;
import dev.storefront.registry.web.RequestRules;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** History: subgraphs, their versions, one version's SDL, and the diff between two versions. */
@RestController
public class SubgraphController {

  private final SchemaStore schemas;
  private final CompositionRunner runner;
  private final RequestRules rules;

  public SubgraphController(SchemaStore schemas, CompositionRunner runner, RequestRules rules) {
    this.schemas = schemas;
    this.runner = runner;
    this.rules = rules;
  }

  public record SubgraphSummary(
      String name, int currentVersion, String routingUrl, String label, OffsetDateTime updatedAt) {}

  public record VersionSummary(
      int version, String routingUrl, String label, String sdlSha256, OffsetDateTime createdAt) {}

  public record VersionDiff(String subgraph, int from, int to, List<SchemaChange> changes) {}

  @GetMapping("/subgraphs")
  public Flux<SubgraphSummary> subgraphs() {
    return schemas
        .currentSchemas()
        .map(s ->
            new SubgraphSummary(
                s.subgraph(), s.version(), s.routingUrl(), s.label(), s.createdAt()));
  }

  @GetMapping("/subgraphs/{name}/versions")
  public Mono<List<VersionSummary>> versions(@PathVariable String name) {
    rules.subgraphName(name);
    return schemas
        .versions(name)
        .map(v ->
            new VersionSummary(
                v.version(), v.routingUrl(), v.label(), v.sdlSha256(), v.createdAt()))
        .collectList()
        .filter(list -> !list.isEmpty())
        .switchIfEmpty(Mono.error(RequestRules.notFound("no subgraph named '" + name + "'")));
  }

  @GetMapping("/subgraphs/{name}/versions/{version}")
  public Mono<SchemaVersion> version(@PathVariable String name, @PathVariable int version) {
    return existing(name, version);
  }

  @GetMapping("/subgraphs/{name}/diff")
  public Mono<VersionDiff> diff(
      @PathVariable String name, @RequestParam int from, @RequestParam int to) {
    return Mono.zip(existing(name, from), existing(name, to))
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
