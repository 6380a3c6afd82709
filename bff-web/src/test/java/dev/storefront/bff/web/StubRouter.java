package dev.storefront.bff.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the router and the schema registry: answers {@code POST /graphql} by document id
 * with canned responses (JSON or server-sent events) and records every request; accepts manifest
 * registrations.
 */
public final class StubRouter {

  /** One request the stub received. */
  public record Call(JsonNode body, Map<String, String> headers) {

    public String documentId() {
      return body.path("documentId").asString(null);
    }

    public String operationName() {
      return body.path("operationName").asString(null);
    }

    public JsonNode variables() {
      return body.path("variables");
    }

    /** The header's value (names in lower case), or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  /** A manifest registration: the request's path and body. */
  public record Registration(String path, String body) {}

  /** What the stub answers. */
  public sealed interface Answer {}

  /** A JSON body with a status, after a delay. */
  public record Json(int status, String body, Duration delay) implements Answer {}

  /** An event stream: each data as {@code event: next}, then {@code event: complete}. */
  public record Events(List<String> data, Duration spacing) implements Answer {}

  public static Answer json(String body) {
    return new Json(200, body, Duration.ZERO);
  }

  public static Answer json(int status, String body) {
    return new Json(status, body, Duration.ZERO);
  }

  public static Answer slow(Duration delay, String body) {
    return new Json(200, body, delay);
  }

  public static Answer events(Duration spacing, String... data) {
    return new Events(List.of(data), spacing);
  }

  private static final String NOT_IN_LIST =
      "{\"errors\":[{\"message\":\"PersistedQueryNotFound\",\"extensions\":{\"code\":\"PERSISTED_QUERY_NOT_IN_LIST\"}}]}";

  private final JsonMapper json = JsonMapper.shared();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Registration> manifests = new CopyOnWriteArrayList<>();
  private final Map<String, Function<Call, Answer>> answers = new ConcurrentHashMap<>();
  private final DisposableServer server;

  private StubRouter() {
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes ->
                routes
                    .post("/graphql", this::graphql)
                    .put("/clients/{client}/versions/{version}/manifest", this::manifest))
            .bindNow();
  }

  public static StubRouter start() {
    return new StubRouter();
  }

  public String graphqlUrl() {
    return "http://127.0.0.1:" + server.port() + "/graphql";
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Answers requests for that document id. */
  public void answer(String documentId, Function<Call, Answer> answer) {
    answers.put(documentId, answer);
  }

  public void answer(String documentId, Answer answer) {
    answers.put(documentId, call -> answer);
  }

  /** Every request so far, oldest first. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The requests for one document id. */
  public List<Call> calls(String documentId) {
    return calls.stream().filter(c -> documentId.equals(c.documentId())).toList();
  }

  public List<Registration> manifests() {
    return List.copyOf(manifests);
  }

  /** Forgets the answers and the recorded requests (not the registrations). */
  public void reset() {
    answers.clear();
    calls.clear();
  }

  private Mono<Void> graphql(HttpServerRequest request, HttpServerResponse response) {
    var headers = new LinkedHashMap<String, String>();
    request.requestHeaders().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
    return request
        .receive()
        .aggregate()
        .asString()
        .defaultIfEmpty("")
        .flatMap(text -> {
          var call = new Call(json.readTree(text), headers);
          calls.add(call);
          Answer answer =
              answers.getOrDefault(call.documentId(), c -> json(NOT_IN_LIST)).apply(call);
          return switch (answer) {
            case Json(int status, String body, Duration delay) ->
                Mono.delay(delay)
                    .then(
                        response
                            .status(status)
                            .header("content-type", "application/json")
                            .sendString(Mono.just(body))
                            .then());
            case Events(List<String> data, Duration spacing) -> {
              var frames = new ArrayList<String>();
              frames.add(":\n\n");
              data.forEach(d -> frames.add("event: next\ndata: " + d + "\n\n"));
              frames.add("event: complete\ndata:\n\n");
              yield response
                  .status(200)
                  .header("content-type", "text/event-stream")
                  .header("cache-control", "no-cache")
                  .sendString(
                      Flux.fromIterable(frames)
                          .index()
                          .concatMap(f ->
                              f.getT1() <= 1
                                  ? Mono.just(f.getT2())
                                  : Mono.delay(spacing).thenReturn(f.getT2())))
                  .then();
            }
          };
        });
  }

  private Mono<Void> manifest(HttpServerRequest request, HttpServerResponse response) {
    return request
        .receive()
        .aggregate()
        .asString()
        .doOnNext(body -> manifests.add(new Registration(request.uri(), body)))
        .then(
            response
                .status(200)
                .header("content-type", "application/json")
                .sendString(Mono.just("{\"status\":\"REGISTERED\"}"))
                .then());
  }
}
