package dev.storefront.bff.web.subscription;

import dev.storefront.bff.problem.GraphQlProblemException;
import dev.storefront.bff.problem.GraphQlProblems;
import dev.storefront.bff.router.GraphQlResult;
import dev.storefront.bff.router.RouterCall;
import dev.storefront.bff.router.RouterClient;
import dev.storefront.bff.router.RouterUnavailableException;
import dev.storefront.bff.web.BffWebProperties;
import dev.storefront.bff.web.ClientAddresses;
import dev.storefront.bff.web.ProblemBodies;
import dev.storefront.bff.web.session.Sessions;
import dev.storefront.bff.web.session.TokenRefresher;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /orders/{id}/status-stream}: the signed-in user's order status as server-sent events
 * ({@code event: status}, data {@code {"status", "at"}}), from the router's {@code
 * orderStatusChanged} subscription. The first event is the status now; the stream ends after a
 * final status.
 *
 * <p>401 without a session. The response starts only once the first result is in, so a refusal is a
 * problem response with its status (404 for an order that is not the user's); a failure later is an
 * {@code event: error} carrying the problem, and the stream ends. A comment every {@code
 * status-stream-heartbeat} keeps proxies from closing a quiet stream.
 */
@RestController
public class OrderStatusController {

  static final int MAX_ID_LENGTH = 100;

  /**
   * How long the router subscription waits for the response to take over after its first result
   * (and how long it outlives a browser that went away).
   */
  static final Duration HANDOVER = Duration.ofSeconds(5);

  private final RouterClient router;
  private final Sessions sessions;
  private final TokenRefresher tokens;
  private final Duration heartbeat;
  private final Clock clock;

  public OrderStatusController(
      RouterClient router,
      Sessions sessions,
      TokenRefresher tokens,
      BffWebProperties properties,
      Clock clock) {
    this.router = router;
    this.sessions = sessions;
    this.tokens = tokens;
    this.heartbeat = properties.statusStreamHeartbeat();
    this.clock = clock;
  }

  @GetMapping(path = "/orders/{id}/status-stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> statusStream(
      @PathVariable String id, ServerWebExchange exchange) {
    if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
      return Mono.error(noSuchOrder());
    }
    String clientAddress = ClientAddresses.of(exchange);
    return sessions
        .require(exchange)
        .flatMap(session -> tokens.fresh(session, clientAddress))
        .flatMap(session -> {
          var call = new RouterCall(session.accessToken(), clientAddress);
          Flux<GraphQlResult> results =
              router
                  .subscribe("OrderStatus", Map.of("orderId", id), call)
                  .replay()
                  .refCount(1, HANDOVER);
          return results
              .next()
              .switchIfEmpty(Mono.error(OrderStatusController::noSuchOrder))
              .flatMap(
                  first -> failed(first) ? refusal(first, id, call) : Mono.just(events(results)));
        })
        .map(events ->
            ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .body(events));
  }

  /**
   * The problem for a subscription refused before its first event. The router reports an order that
   * is not the user's as a generic subscription error; the {@code Order} query tells it apart as
   * NOT_FOUND.
   */
  private Mono<Flux<ServerSentEvent<Object>>> refusal(
      GraphQlResult first, String id, RouterCall call) {
    GraphQlProblemException problem = GraphQlProblems.exception(first);
    if (problem.status() != HttpStatus.BAD_GATEWAY.value()) {
      return Mono.error(problem);
    }
    return router
        .execute("Order", Map.of("id", id), call)
        .onErrorResume(RouterUnavailableException.class, e -> Mono.empty())
        .flatMap(order ->
            order.hasErrorCode("NOT_FOUND") || order.at("order").isNull()
                ? Mono.<Flux<ServerSentEvent<Object>>>error(noSuchOrder())
                : Mono.<Flux<ServerSentEvent<Object>>>error(problem))
        .switchIfEmpty(Mono.error(problem));
  }

  private Flux<ServerSentEvent<Object>> events(Flux<GraphQlResult> results) {
    Flux<ServerSentEvent<Object>> statuses =
        results
            .<Object>map(result ->
                failed(result)
                    ? GraphQlProblems.toProblem(result)
                    : OrderStatusEvent.of(result.at("orderStatusChanged"), clock.instant()))
            .onErrorResume(
                RouterUnavailableException.class, e -> Mono.just(GraphQlProblems.unavailable()))
            // The router repeats an event now and then; a status never comes back.
            .distinctUntilChanged(item -> item instanceof OrderStatusEvent e ? e.status() : item)
            .takeUntil(item -> !(item instanceof OrderStatusEvent event) || event.isFinal())
            .map(item ->
                item instanceof ProblemDetail problem
                    ? ServerSentEvent.<Object>builder(ProblemBodies.of(problem))
                        .event("error")
                        .build()
                    : ServerSentEvent.<Object>builder(item).event("status").build());
    return statuses.publish(shared ->
        Flux.merge(
            shared,
            Flux.interval(heartbeat, heartbeat)
                .map(tick -> ServerSentEvent.<Object>builder().comment("keep-alive").build())
                .takeUntilOther(shared.ignoreElements().then(Mono.just(true)))));
  }

  private static boolean failed(GraphQlResult result) {
    JsonNode order = result.at("orderStatusChanged");
    return result.hasErrors() && (order.isMissingNode() || order.isNull());
  }

  private static GraphQlProblemException noSuchOrder() {
    return new GraphQlProblemException(GraphQlProblems.notFound("You have no order with this id."));
  }
}
