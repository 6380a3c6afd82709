package dev.storefront.graphql.testing;

import java.util.List;

/**
 * Paths as an attacker inside the network may spell them, for the router-only filter's own test and
 * the subgraphs' (their {@code @MethodSource}, so every test tries the same spellings).
 */
public final class RouterOnlyPaths {

  private RouterOnlyPaths() {}

  /**
   * Spellings Spring (or a proxy in front) may route to GraphQL or to a closed actuator endpoint:
   * each needs the router's credential.
   */
  public static List<String> closed() {
    return List.of(
        "/graphql",
        "/gr%61phql",
        "/%67raphql",
        "/graphql/",
        "//graphql",
        "/GRAPHQL",
        "/graphql/..;/graphql",
        "/graphql%2F",
        "/actuator/%68ealth",
        "/actuator/env");
  }

  /** Health, metrics and the JWKS: open to the platform without the credential. */
  public static List<String> open() {
    return List.of(
        "/actuator/health",
        "/actuator/health/liveness",
        "/actuator/health/readiness",
        "/actuator/prometheus",
        "/.well-known/jwks.json");
  }
}
