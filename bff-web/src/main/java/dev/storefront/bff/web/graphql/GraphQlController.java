package dev.storefront.bff.web.graphql;

import dev.storefront.bff.operations.PersistedOperation;
import dev.storefront.bff.operations.PersistedOperations;
import dev.storefront.bff.problem.GraphQlProblemException;
import dev.storefront.bff.problem.GraphQlProblems;
import dev.storefront.bff.router.GraphQlError;
import dev.storefront.bff.router.GraphQlResult;
import dev.storefront.bff.router.RouterCall;
import dev.storefront.bff.router.RouterClient;
import dev.storefront.bff.web.ClientAddresses;
import dev.storefront.bff.web.session.Session;
import dev.storefront.bff.web.session.SessionEndedException;
import dev.storefront.bff.web.session.Sessions;
import dev.storefront.bff.web.session.TokenRefresher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /graphql}: runs one of the web app's persisted operations on the router, with the
 * session's access token (anonymously without a session), and answers with the router's GraphQL
 * response. An access token about to expire is refreshed first; one the router refuses is refreshed
 * and the operation run once more.
 */
@RestController
public class GraphQlController {

  /** Operations that handle tokens: only bff-web itself runs them, never the browser. */
  static final Set<String> INTERNAL = Set.of("Login", "Refresh", "Logout");

  static final Map<String, Object> NOT_FOUND =
      Map.of(
          "errors",
          List.of(
              Map.of(
                  "message",
                  "PersistedQueryNotFound",
                  "extensions",
                  Map.of("code", "PERSISTED_QUERY_NOT_FOUND"))));

  private final PersistedOperations operations;
  private final RouterClient router;
  private final Sessions sessions;
  private final TokenRefresher tokens;

  public GraphQlController(
      PersistedOperations operations,
      RouterClient router,
      Sessions sessions,
      TokenRefresher tokens) {
    this.operations = operations;
    this.router = router;
    this.sessions = sessions;
    this.tokens = tokens;
  }

  @PostMapping(
      path = "/graphql",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = {MediaType.APPLICATION_JSON_VALUE, "application/graphql-response+json"})
  public Mono<ResponseEntity<Map<String, Object>>> execute(
      @RequestBody JsonNode body, ServerWebExchange exchange) {
    PersistedQueryRequest request = PersistedQueryRequest.parse(body);
    Optional<PersistedOperation> found =
        operations.byId(request.documentId()).filter(op -> !INTERNAL.contains(op.name()));
    if (found.isEmpty()) {
      return Mono.just(respond(NOT_FOUND));
    }
    PersistedOperation operation = found.get();
    if ("subscription".equals(operation.type())) {
      throw new GraphQlProblemException(
          GraphQlProblems.badRequest(
              "Subscriptions are served as server-sent events, e.g. GET"
                  + " /orders/{id}/status-stream."));
    }
    if (request.operationName() != null && !request.operationName().equals(operation.name())) {
      throw new GraphQlProblemException(
          GraphQlProblems.badRequest(
              "operationName does not name the persisted operation (" + operation.name() + ")."));
    }
    String clientAddress = ClientAddresses.of(exchange);
    return sessions
        .lookup(exchange)
        .flatMap(session ->
            session.isPresent()
                ? signedIn(session.get(), operation, request, clientAddress)
                : anonymous(exchange, operation, request, clientAddress))
        .map(GraphQlController::respond);
  }

  private Mono<GraphQlResult> anonymous(
      ServerWebExchange exchange,
      PersistedOperation operation,
      PersistedQueryRequest request,
      String clientAddress) {
    if (sessions.hasCookie(exchange)) {
      // The cookie outlived its session: tell the app, rather than answer as if nobody had
      // signed in.
      return Mono.error(SessionEndedException.ended());
    }
    return router.execute(
        operation.name(), request.variables(), RouterCall.anonymous(clientAddress));
  }

  private Mono<GraphQlResult> signedIn(
      Session session,
      PersistedOperation operation,
      PersistedQueryRequest request,
      String clientAddress) {
    return tokens
        .fresh(session, clientAddress)
        .flatMap(fresh ->
            run(operation, request, fresh, clientAddress)
                .flatMap(result ->
                    refused(result)
                        // The router refused the token (expired early, or its key
                        // retired): one refresh, one more try.
                        ? tokens
                            .refresh(fresh, clientAddress)
                            .flatMap(renewed -> run(operation, request, renewed, clientAddress))
                        : Mono.just(result)));
  }

  private Mono<GraphQlResult> run(
      PersistedOperation operation,
      PersistedQueryRequest request,
      Session session,
      String clientAddress) {
    return router.execute(
        operation.name(),
        request.variables(),
        new RouterCall(session.accessToken(), clientAddress));
  }

  /** The router refused the request as a whole for its token (not one field of it). */
  static boolean refused(GraphQlResult result) {
    return result.data().isMissingNode() && result.hasErrorCode("UNAUTHENTICATED");
  }

  /** The router's response as a GraphQL response body: data, then errors when there are any. */
  static Map<String, Object> body(GraphQlResult result) {
    var body = new LinkedHashMap<String, Object>();
    if (!result.data().isMissingNode()) {
      body.put("data", result.data());
    }
    if (result.hasErrors()) {
      body.put("errors", result.errors().stream().map(GraphQlController::error).toList());
    }
    return body;
  }

  private static Map<String, Object> error(GraphQlError error) {
    var map = new LinkedHashMap<String, Object>();
    map.put("message", error.message());
    if (!error.path().isEmpty()) {
      map.put("path", error.path());
    }
    if (!error.extensions().isEmpty()) {
      map.put("extensions", error.extensions());
    }
    return map;
  }

  private static ResponseEntity<Map<String, Object>> respond(Map<String, Object> body) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }

  /**
   * As the router answered; a request the router's rate limit refused as a whole stays a 429 with
   * {@code Retry-After}, so the browser (and any proxy) backs off instead of retrying at once.
   */
  private static ResponseEntity<Map<String, Object>> respond(GraphQlResult result) {
    Map<String, Object> body = body(result);
    if (!result.data().isMissingNode() || !"TOO_MANY_REQUESTS".equals(result.firstErrorCode())) {
      return respond(body);
    }
    var response =
        ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
            .cacheControl(CacheControl.noStore())
            .contentType(MediaType.APPLICATION_JSON);
    if (result.errors().getFirst().extensions().get("retryAfterSeconds") instanceof Number wait) {
      response.header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.longValue()));
    }
    return response.body(body);
  }
}
