package dev.storefront.registry.access;

import dev.storefront.registry.audit.WriteLog;
import dev.storefront.service.profile.DeploymentProfile;
import java.util.Locale;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may do what with the registry. Every write needs a principal's bearer token and stays inside
 * that principal's rights; a refused write is recorded in the write log (who tried, what) and
 * answered 401 or 403 before anything is stored. Reads are open in development (GraphiQL users,
 * curl) and need a principal in production, where the supergraph and persisted documents are the
 * router's (and the administrator's) only.
 */
@Component
public class RegistryAccess {

  static final String ANONYMOUS = "anonymous";
  static final String UNKNOWN_TOKEN = "unknown-token";
  private static final String BEARER = "bearer ";

  private final Principals principals;
  private final WriteLog writes;
  private final boolean production;

  public RegistryAccess(Principals principals, WriteLog writes, DeploymentProfile profile) {
    this.principals = principals;
    this.writes = writes;
    this.production = profile.isProduction();
  }

  /** A subgraph acting on its own schema ({@code action}: publish or check). */
  public Mono<Principal> subgraph(String authorization, String subgraph, String action) {
    return writer(authorization, action, subgraph)
        .flatMap(principal ->
            principal.is(Role.SUBGRAPH) && principal.name().equals(subgraph)
                ? Mono.just(principal)
                : refuse(
                    principal.name(),
                    action,
                    subgraph,
                    AccessRefused.forbidden(
                        "%s (%s) may not %s the schema of %s: a subgraph may %s only its own"
                            .formatted(
                                principal.name(), roleName(principal), action, subgraph, action))));
  }

  /** The routing URL must be on the subgraph principal's own allow-list. */
  public Mono<Principal> routingUrl(Principal principal, String url, String action) {
    if (principal.routingUrls().contains(url)) {
      return Mono.just(principal);
    }
    return refuse(
        principal.name(),
        action,
        principal.name(),
        AccessRefused.forbidden(
            "the routing URL '%s' is not on %s's allow-list %s"
                .formatted(url, principal.name(), principal.routingUrls())));
  }

  /** A client writing one of its own manifests. */
  public Mono<Principal> client(String authorization, String client, String target) {
    return writer(authorization, "register manifest", target)
        .flatMap(principal ->
            principal.is(Role.CLIENT) && principal.name().equals(client)
                ? Mono.just(principal)
                : refuse(
                    principal.name(),
                    "register manifest",
                    target,
                    AccessRefused.forbidden(
                        "%s (%s) may not register manifests of %s: a client registers only its own"
                            .formatted(principal.name(), roleName(principal), client))));
  }

  /** Rollback and retiring manifests are the administrator's. */
  public Mono<Principal> admin(String authorization, String action, String target) {
    return writer(authorization, action, target)
        .flatMap(principal ->
            principal.is(Role.ADMIN)
                ? Mono.just(principal)
                : refuse(
                    principal.name(),
                    action,
                    target,
                    AccessRefused.forbidden(
                        "%s (%s) may not %s: only an administrator may"
                            .formatted(principal.name(), roleName(principal), action))));
  }

  /** The supergraph and persisted documents: in production, the router's or an admin's. */
  public Mono<Void> deliveries(String authorization) {
    return reader(authorization)
        .flatMap(principal ->
            !production || principal.is(Role.ROUTER) || principal.is(Role.ADMIN)
                ? Mono.<Void>empty()
                : Mono.error(
                    AccessRefused.forbidden(
                        "%s (%s) may not read the supergraph or persisted documents in production"
                            .formatted(principal.name(), roleName(principal)))))
        .then();
  }

  /** Versions, history, manifests and the write log: in production, any principal's. */
  public Mono<Void> history(String authorization) {
    return reader(authorization).then();
  }

  /**
   * The caller of a read: empty when anonymous in development. A token no principal has is refused
   * even on a read, so a misconfigured router hears about it instead of reading by luck.
   */
  private Mono<Principal> reader(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return production
          ? Mono.error(
              AccessRefused.unauthenticated(
                  "the production registry answers only its principals: send Authorization: Bearer <token>"))
          : Mono.empty();
    }
    return principals
        .authenticate(token(authorization))
        .map(Mono::just)
        .orElseGet(() ->
            Mono.error(
                AccessRefused.unauthenticated("the bearer token is not a registry principal's")));
  }

  private Mono<Principal> writer(String authorization, String action, String target) {
    if (authorization == null || authorization.isBlank()) {
      return refuse(
          ANONYMOUS,
          action,
          target,
          AccessRefused.unauthenticated(
              principals.isEmpty()
                  ? "this registry has no principals (STOREFRONT_REGISTRY_PRINCIPALS_FILE), so it takes no writes"
                  : "this request needs a principal's token: send Authorization: Bearer <token>"));
    }
    return principals
        .authenticate(token(authorization))
        .map(Mono::just)
        .orElseGet(() ->
            refuse(
                UNKNOWN_TOKEN,
                action,
                target,
                AccessRefused.unauthenticated("the bearer token is not a registry principal's")));
  }

  private <T> Mono<T> refuse(String actor, String action, String target, AccessRefused refusal) {
    return writes
        .refusal(actor, action, target, refusal.getStatusCode().value(), refusal.getReason())
        .then(Mono.error(refusal));
  }

  private static String token(String authorization) {
    String value = authorization.strip();
    return value.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? value.substring(BEARER.length()).strip()
        : "";
  }

  private static String roleName(Principal principal) {
    return principal.role().name().toLowerCase(Locale.ROOT);
  }
}
