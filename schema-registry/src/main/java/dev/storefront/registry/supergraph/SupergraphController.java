package dev.storefront.registry.supergraph;

import dev.storefront.registry.access.RegistryAccess;
import dev.storefront.registry.web.RequestRules;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Supergraph delivery for routers: the latest supergraph with a strong ETag, so a polling router
 * that already has it gets an empty 304. In production only the router and administrators read the
 * supergraph (it names every subgraph's address).
 */
@RestController
public class SupergraphController {

  private final SupergraphStore supergraphs;
  private final RegistryAccess access;

  public SupergraphController(SupergraphStore supergraphs, RegistryAccess access) {
    this.supergraphs = supergraphs;
    this.access = access;
  }

  public record SupergraphSummary(
      long id,
      String sha256,
      Map<String, Integer> composedFrom,
      String reason,
      OffsetDateTime createdAt,
      String publishedBy) {}

  @GetMapping("/supergraph")
  public Mono<ResponseEntity<String>> latest(
      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    return access
        .deliveries(authorization)
        .then(supergraphs.latest())
        .map(latest -> {
          boolean unchanged = ifNoneMatch != null && matches(ifNoneMatch, latest.etag());
          var response =
              ResponseEntity.status(unchanged ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
                  .eTag(latest.etag())
                  .cacheControl(CacheControl.noCache())
                  .header("X-Supergraph-Version", String.valueOf(latest.id()));
          return unchanged
              ? response.<String>build()
              : response.contentType(MediaType.TEXT_PLAIN).body(latest.supergraphSdl());
        })
        .switchIfEmpty(
            Mono.error(
                RequestRules.notFound("no supergraph yet: publish a subgraph schema first")));
  }

  @GetMapping("/supergraph/versions")
  public Flux<SupergraphSummary> history(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    return access
        .history(authorization)
        .thenMany(supergraphs.history())
        .map(v ->
            new SupergraphSummary(
                v.id(), v.sha256(), v.composedFrom(), v.reason(), v.createdAt(), v.publishedBy()));
  }

  @GetMapping(value = "/supergraph/versions/{id}", produces = MediaType.TEXT_PLAIN_VALUE)
  public Mono<String> version(
      @PathVariable long id,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    return access
        .deliveries(authorization)
        .then(supergraphs.byId(id))
        .map(SupergraphVersion::supergraphSdl)
        .switchIfEmpty(Mono.error(RequestRules.notFound("no supergraph version " + id)));
  }

  static boolean matches(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
