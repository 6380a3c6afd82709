package dev.storefront.bff.router;

import dev.storefront.bff.config.BffProperties;
import dev.storefront.bff.operations.PersistedOperation;
import dev.storefront.bff.operations.PersistedOperations;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the BFF's persisted operations on the router. A request names the operation by its document
 * id ({@code {"documentId", "operationName", "variables"}}), never with its text: the router only
 * runs operations the registry knows.
 *
 * <p>Every GraphQL answer comes back as a {@link GraphQlResult}, errors included, whatever its HTTP
 * status (the router answers 401, 429 or 400 with GraphQL bodies). A router that is unreachable,
 * too slow, or answers a 5xx without a GraphQL body fails the call with {@link
 * RouterUnavailableException}.
 */
public class RouterClient {

  private static final Logger log = LoggerFactory.getLogger(RouterClient.class);

  static final MediaType GRAPHQL_RESPONSE =
      MediaType.parseMediaType("application/graphql-response+json");
  private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
      new ParameterizedTypeReference<>() {};

  private final WebClient web;
  private final URI routerUrl;
  private final Duration timeout;
  private final PersistedOperations operations;
  private final JsonMapper json = JsonMapper.shared();

  public RouterClient(
      WebClient web, PersistedOperations operations, String routerUrl, Duration timeout) {
    this.web = web;
    this.operations = operations;
    this.routerUrl = URI.create(routerUrl);
    this.timeout = timeout;
  }

  public RouterClient(WebClient web, PersistedOperations operations, BffProperties properties) {
    this(web, operations, properties.routerUrl(), properties.routerTimeout());
  }

  /**
   * Runs a query or mutation. The operation name must be in the manifest ({@link
   * IllegalArgumentException} otherwise, at once).
   */
  public Mono<GraphQlResult> execute(
      String operationName, Map<String, Object> variables, RouterCall call) {
    return post(operationName, variables, call, GRAPHQL_RESPONSE, MediaType.APPLICATION_JSON)
        .exchangeToMono(response -> result(response, operationName))
        .timeout(timeout)
        .onErrorMap(
            e -> !(e instanceof RouterUnavailableException), e -> unavailable(e, operationName));
  }

  /**
   * Runs a subscription over server-sent events: one result per {@code next} event, completing with
   * the router's {@code complete} event. An answer that is not an event stream (e.g. the router
   * refused the call with 401) is emitted as a single result. The timeout applies to the first
   * event only.
   */
  public Flux<GraphQlResult> subscribe(
      String operationName, Map<String, Object> variables, RouterCall call) {
    return post(operationName, variables, call, MediaType.TEXT_EVENT_STREAM)
        .exchangeToFlux(response -> events(response, operationName))
        .timeout(Mono.delay(timeout), item -> Mono.never())
        .onErrorMap(
            e -> !(e instanceof RouterUnavailableException), e -> unavailable(e, operationName));
  }

  /**
   * The router request for an operation; looks the operation up first ({@link
   * IllegalArgumentException} at once for a name the manifest does not have).
   */
  private WebClient.RequestHeadersSpec<?> post(
      String operationName, Map<String, Object> variables, RouterCall call, MediaType... accept) {
    PersistedOperation op = operations.get(operationName);
    return web.post()
        .uri(routerUrl)
        .contentType(MediaType.APPLICATION_JSON)
        .accept(accept)
        .headers(h -> identify(h, call))
        .bodyValue(body(op, variables));
  }

  /** A whole (not streamed) answer as one result. */
  private Mono<GraphQlResult> result(ClientResponse response, String operationName) {
    return response
        .bodyToMono(String.class)
        .defaultIfEmpty("")
        // handle(): the request's trace ids are in the MDC there.
        .handle((text, next) -> {
          log.info("{}: the router answered HTTP {}", operationName, response.statusCode().value());
          next.next(toResult(response.statusCode(), text, operationName));
        });
  }

  private Flux<GraphQlResult> events(ClientResponse response, String operationName) {
    MediaType type = response.headers().contentType().orElse(MediaType.APPLICATION_OCTET_STREAM);
    if (!MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
      return result(response, operationName).flux();
    }
    return response
        .bodyToFlux(SSE)
        .takeWhile(event -> !"complete".equals(event.event()))
        .filter(event -> event.data() != null && !event.data().isBlank())
        .map(event ->
            parse(event.data())
                .orElseThrow(() ->
                    new RouterUnavailableException(
                        "router sent an event that is not a GraphQL result for " + operationName)));
  }

  private static void identify(HttpHeaders headers, RouterCall call) {
    if (call == null) {
      return;
    }
    if (call.bearerToken() != null && !call.bearerToken().isBlank()) {
      headers.setBearerAuth(call.bearerToken());
    }
    if (call.clientAddress() != null && !call.clientAddress().isBlank()) {
      headers.set("X-Forwarded-For", call.clientAddress());
    }
  }

  private static Map<String, Object> body(PersistedOperation op, Map<String, Object> variables) {
    var body = new LinkedHashMap<String, Object>();
    body.put("documentId", op.id());
    body.put("operationName", op.name());
    body.put("variables", variables == null ? Map.of() : variables);
    return body;
  }

  private GraphQlResult toResult(HttpStatusCode status, String text, String operationName) {
    var parsed = parse(text);
    if (parsed.isPresent()) {
      return parsed.get();
    }
    if (status.is5xxServerError() || status.is2xxSuccessful()) {
      throw new RouterUnavailableException(
          "router answered HTTP %d without a GraphQL body for %s"
              .formatted(status.value(), operationName));
    }
    // A 4xx without a GraphQL body: name the status as the error code.
    String code =
        switch (status.value()) {
          case 401 -> "UNAUTHENTICATED";
          case 403 -> "FORBIDDEN";
          case 429 -> "TOO_MANY_REQUESTS";
          default -> "UPSTREAM_HTTP_" + status.value();
        };
    return new GraphQlResult(
        null,
        List.of(new GraphQlError("router answered HTTP " + status.value(), code, null, null)));
  }

  /** A GraphQL result when the text is a JSON object with {@code data} or {@code errors}. */
  Optional<GraphQlResult> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject() || !(root.has("data") || root.has("errors"))) {
      return Optional.empty();
    }
    var errors = new ArrayList<GraphQlError>();
    for (JsonNode error : root.path("errors")) {
      JsonNode extensions = error.path("extensions");
      Map<String, Object> ext =
          extensions.isObject() ? json.convertValue(extensions, Map.class) : Map.of();
      List<Object> path =
          error.path("path").isArray()
              ? json.convertValue(error.path("path"), List.class)
              : List.of();
      String code = extensions.path("code").isString() ? extensions.path("code").asString() : null;
      errors.add(new GraphQlError(error.path("message").asString(""), code, path, ext));
    }
    return Optional.of(new GraphQlResult(root.path("data"), errors));
  }

  private static RouterUnavailableException unavailable(Throwable e, String operationName) {
    String why =
        e instanceof TimeoutException
            ? "did not answer in time"
            : e instanceof WebClientException
                ? "is unreachable (" + e.getMessage() + ")"
                : e.toString();
    return new RouterUnavailableException("router " + why + " for " + operationName, e);
  }
}
