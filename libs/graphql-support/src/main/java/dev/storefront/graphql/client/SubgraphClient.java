package dev.storefront.graphql.client;

import dev.storefront.graphql.access.RouterOnlyFilter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Reads another subgraph's data directly, for the few synchronous reads a write needs (a checkout
 * reads the cart; a cart checks that a product exists and what it costs). Goes to the subgraph's
 * own GraphQL endpoint, usually with an {@code _entities} query, presenting the shared secret and
 * the access token of the user the request acts for (the other subgraph verifies it itself).
 */
public class SubgraphClient {

  /**
   * Below the router's 30 s upstream timeout; a burst of 200 checkouts on two cold JVMs took the
   * cart more than 5 s to answer.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final String name;
  private final URI url;
  private final WebClient web;
  private final String secret;

  SubgraphClient(String name, URI url, WebClient web, String secret) {
    this.name = name;
    this.url = url;
    this.web = web;
    this.secret = secret;
  }

  /**
   * The {@code data} of the answer; fails when the subgraph answers with errors or not at all.
   *
   * @param accessToken the caller's verified token ({@code CurrentUser.accessToken}), or null for
   *     an anonymous read
   */
  public Mono<JsonNode> query(String query, Map<String, Object> variables, String accessToken) {
    return web.post()
        .uri(url)
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .headers(headers -> {
          if (secret != null && !secret.isBlank()) {
            headers.set(RouterOnlyFilter.HEADER, secret);
          }
          if (accessToken != null) {
            headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
          }
        })
        .bodyValue(Map.of("query", query, "variables", variables))
        .retrieve()
        .bodyToMono(JsonNode.class)
        .timeout(TIMEOUT)
        .flatMap(body -> {
          JsonNode errors = body.path("errors");
          if (errors.isArray() && !errors.isEmpty()) {
            return Mono.error(new SubgraphCallException(name + " answered with errors: " + errors));
          }
          return Mono.just(body.path("data"));
        })
        .onErrorMap(
            e -> !(e instanceof SubgraphCallException),
            e -> new SubgraphCallException(name + " did not answer: " + e.getMessage(), e));
  }
}
