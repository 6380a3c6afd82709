package dev.storefront.registry.operation;

import dev.storefront.registry.Sha256;
import dev.storefront.registry.access.RegistryAccess;
import dev.storefront.registry.audit.WriteLog;
import dev.storefront.registry.runner.CompositionRunner;
import dev.storefront.registry.runner.OperationInput;
import dev.storefront.registry.supergraph.SupergraphStore;
import dev.storefront.registry.supergraph.SupergraphVersion;
import dev.storefront.registry.web.RequestRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Client operation manifests (persisted documents). A manifest is accepted only when every
 * operation's id is the SHA-256 of its body and every operation validates against the current
 * supergraph; from then on a schema change that would break one of them is rejected. A client
 * registers and replaces only its own manifests; retiring one is the administrator's. In production
 * manifests and documents are read by the router and administrators only.
 */
@RestController
public class ManifestController {

  static final Set<String> TYPES = Set.of("query", "mutation", "subscription");

  private final OperationStore operations;
  private final SupergraphStore supergraphs;
  private final CompositionRunner runner;
  private final RequestRules rules;
  private final RegistryAccess access;
  private final WriteLog writes;

  public ManifestController(
      OperationStore operations,
      SupergraphStore supergraphs,
      CompositionRunner runner,
      RequestRules rules,
      RegistryAccess access,
      WriteLog writes) {
    this.operations = operations;
    this.supergraphs = supergraphs;
    this.runner = runner;
    this.rules = rules;
    this.access = access;
    this.writes = writes;
  }

  private static final String AUTHORIZATION = HttpHeaders.AUTHORIZATION;

  public record Registered(String client, String clientVersion, int operations) {}

  public record Rejected(String message, List<Object> problems) {}

  @PutMapping("/clients/{client}/versions/{version}/manifest")
  public Mono<ResponseEntity<Object>> register(
      @PathVariable String client,
      @PathVariable String version,
      @RequestBody OperationManifest manifest,
      @RequestHeader(value = AUTHORIZATION, required = false) String authorization) {
    rules.clientPart("client", client);
    rules.clientPart("client version", version);
    String target = client + "@" + version;
    return access
        .client(authorization, client, target)
        .flatMap(principal ->
            validated(client, version, manifest, principal.name())
                .flatMap(response ->
                    writes
                        .record(
                            principal.name(),
                            "register manifest",
                            target,
                            response.getStatusCode().value(),
                            response.getStatusCode().is2xxSuccessful()
                                ? "REGISTERED"
                                : "REJECTED: " + ((Rejected) response.getBody()).message())
                        .thenReturn(response)));
  }

  private Mono<ResponseEntity<Object>> validated(
      String client, String version, OperationManifest manifest, String registeredBy) {
    List<ClientOperation> entries = entries(client, version, manifest);
    var inputs =
        entries.stream()
            .map(e -> new OperationInput(client, version, e.id(), e.name(), e.body()))
            .toList();
    return supergraphs
        .latest()
        .switchIfEmpty(
            Mono.error(
                new org.springframework.web.server.ResponseStatusException(
                    HttpStatus.CONFLICT, "no supergraph yet: operations are validated against it")))
        .map(SupergraphVersion::apiSdl)
        .flatMap(api -> runner.validateOperations(api, inputs))
        .flatMap(broken ->
            broken.isEmpty()
                ? operations
                    .replace(client, version, entries, registeredBy)
                    .thenReturn(
                        ResponseEntity.ok((Object) new Registered(client, version, entries.size())))
                : Mono.just(
                    ResponseEntity.badRequest()
                        .body(
                            (Object)
                                new Rejected(
                                    "%d operation(s) do not validate against the current supergraph"
                                        .formatted(broken.size()),
                                    List.copyOf(broken)))));
  }

  @GetMapping("/clients")
  public Flux<ClientVersionSummary> clients(
      @RequestHeader(value = AUTHORIZATION, required = false) String authorization) {
    return access.history(authorization).thenMany(operations.clients());
  }

  @GetMapping("/clients/{client}/versions/{version}/manifest")
  public Mono<OperationManifest> manifest(
      @PathVariable String client,
      @PathVariable String version,
      @RequestHeader(value = AUTHORIZATION, required = false) String authorization) {
    return access
        .deliveries(authorization)
        .thenMany(operations.manifest(client, version))
        .map(op -> new OperationManifest.Entry(op.id(), op.name(), op.type(), op.body()))
        .collectList()
        .filter(list -> !list.isEmpty())
        .map(list -> new OperationManifest(OperationManifest.FORMAT, 1, list))
        .switchIfEmpty(
            Mono.error(RequestRules.notFound("no manifest for %s@%s".formatted(client, version))));
  }

  @DeleteMapping("/clients/{client}/versions/{version}")
  public Mono<Map<String, Object>> retire(
      @PathVariable String client,
      @PathVariable String version,
      @RequestHeader(value = AUTHORIZATION, required = false) String authorization) {
    String target = client + "@" + version;
    return access
        .admin(authorization, "retire manifest", target)
        .flatMap(admin ->
            operations
                .retire(client, version)
                .flatMap(count ->
                    writes
                        .record(
                            admin.name(),
                            "retire manifest",
                            target,
                            count > 0 ? 200 : 404,
                            count > 0 ? "RETIRED " + count + " operation(s)" : "NOT_FOUND")
                        .thenReturn(count)))
        .filter(count -> count > 0)
        .map(count ->
            Map.<String, Object>of(
                "client", client, "clientVersion", version, "retiredOperations", count))
        .switchIfEmpty(
            Mono.error(RequestRules.notFound("no manifest for %s@%s".formatted(client, version))));
  }

  /** For routers and BFFs resolving a persisted document id. */
  @GetMapping("/operations/{id}")
  public Mono<ClientOperation> operation(
      @PathVariable String id,
      @RequestHeader(value = AUTHORIZATION, required = false) String authorization) {
    return access
        .deliveries(authorization)
        .then(operations.byId(id))
        .switchIfEmpty(Mono.error(RequestRules.notFound("no registered operation " + id)));
  }

  static List<ClientOperation> entries(String client, String version, OperationManifest manifest) {
    if (manifest == null || !OperationManifest.FORMAT.equals(manifest.format())) {
      throw RequestRules.badRequest("format must be \"" + OperationManifest.FORMAT + "\"");
    }
    if (manifest.version() == null || manifest.version() != 1) {
      throw RequestRules.badRequest("version must be 1");
    }
    if (manifest.operations() == null || manifest.operations().isEmpty()) {
      throw RequestRules.badRequest("operations must list at least one operation");
    }
    var problems = new ArrayList<String>();
    var entries = new ArrayList<ClientOperation>();
    var ids = new java.util.HashSet<String>();
    for (int i = 0; i < manifest.operations().size(); i++) {
      var op = manifest.operations().get(i);
      if (op == null || op.body() == null || op.body().isBlank()) {
        problems.add("operations[%d]: body is required".formatted(i));
        continue;
      }
      String expected = Sha256.hex(op.body());
      if (!expected.equals(op.id())) {
        problems.add(
            "operations[%d]: id must be the SHA-256 of the body (%s)".formatted(i, expected));
      }
      if (op.type() == null || !TYPES.contains(op.type())) {
        problems.add("operations[%d]: type must be query, mutation or subscription".formatted(i));
      }
      if (!ids.add(expected)) {
        problems.add("operations[%d]: the same body is listed twice".formatted(i));
      }
      entries.add(new ClientOperation(client, version, op.id(), op.name(), op.type(), op.body()));
    }
    if (!problems.isEmpty()) {
      throw RequestRules.badRequest("invalid manifest: " + String.join("; ", problems));
    }
    return entries;
  }
}
