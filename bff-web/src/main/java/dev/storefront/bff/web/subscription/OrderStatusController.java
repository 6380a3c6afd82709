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
import dev.storefront.bff.web.session.Session;
import dev.storefront.bff.web.session.SessionEndedException;
import dev.storefront.bff.web.session.SessionWatch;
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
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /orders/{id}/status-stream}: the signed-in user's order status as server-sent events
 * ({@code event: status}, data {@code {"status", "at"}}), from the router's {@code
 * orderStatusChanged} subscription. The first event is the status now; the stream ends after a
 * final status.
 *
 * <p>A user holds at most {@code max-status-streams-per-user} streams open (429 beyond). A stream
 * ends when the access token it was opened with expires (the browser reconnects and gets a
 * refreshed one) and when the session ends (an {@code event: error} with a 401 problem, then the
 * end; checked every {@code status-stream-session-check}).
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
  private final StatusStreamSlots slots;
  private final SessionWatch sessionWatch;
  private final Duration heartbeat;
  private final Clock clock;

  public OrderStatusController(
      RouterClient router,
      Sessions sessions,
      TokenRefresher tokens,
      StatusStreamSlots slots,
      SessionWatch sessionWatch,
      BffWebProperties properties,
      Clock clock) {
    this.router = router;
    this.sessions = sessions;
    this.tokens = tokens;
    this.slots = slots;
    this.sessionWatch = sessionWatch;
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
        .flatMap(session ->
            slots
                .acquire(session.userId())
                .map(slot -> open(session, id, clientAddress, slot))
                .orElseGet(() -> Mono.error(tooManyStreams())))
        .map(events ->
            ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .body(events));
  }

  /**
   * Subscribes on the router for as long as the stream may last: until the access token it was
   * opened with expires (the browser's EventSource reconnects, and that request gets a refreshed
   * token), the session ends (an {@code error} event, then the end), or the browser goes away. The
   * slot is held as long as the router subscription.
   */
  private Mono<Flux<ServerSentEvent<Object>>> open(
      Session session, String id, String clientAddress, StatusStreamSlots.Slot slot) {
    var call = new RouterCall(session.accessToken(), clientAddress);
    Sinks.Empty<Void> bodyGone = Sinks.empty();
    Duration tokenLeft = Duration.between(clock.instant(), session.accessTokenExpiresAt());
    Flux<GraphQlResult> results =
        router
            .subscribe("OrderStatus", Map.of("orderId", id), call)
            .takeUntilOther(Mono.delay(tokenLeft.isNegative() ? Duration.ZERO : tokenLeft))
            .takeUntilOther(
                sessionWatch.ended(session).then(Mono.error(SessionEndedException::ended)))
            // Without this the subscription would outlive a closed response by HANDOVER.
            .takeUntilOther(bodyGone.asMono())
            .doFinally(signal -> slot.release())
            .replay()
            .refCount(1, HANDOVER);
    return results
        .next()
        .switchIfEmpty(Mono.error(OrderStatusController::noSuchOrder))
        .flatMap(first ->
            failed(first)
                ? refusal(first, id, call)
                : Mono.just(events(results).doFinally(signal -> bodyGone.tryEmitEmpty())));
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
            // The router ends a stream whose token expired with UNAUTHENTICATED: like our own
            // end at the token's expiry, a reconnect with a refreshed token follows.
            .takeWhile(result -> !endedByTokenExpiry(result))
            .<Object>map(result ->
                failed(result)
                    ? GraphQlProblems.toProblem(result)
                    : OrderStatusEvent.of(result.at("orderStatusChanged"), clock.instant()))
            .onErrorResume(
                RouterUnavailableException.class, e -> Mono.just(GraphQlProblems.unavailable()))
            .onErrorResume(
                SessionEndedException.class,
                e -> Mono.just(GraphQlProblems.unauthenticated(e.getMessage())))
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

  private static boolean endedByTokenExpiry(GraphQlResult result) {
    return failed(result) && result.hasErrorCode("UNAUTHENTICATED");
  }

  private GraphQlProblemException tooManyStreams() {
    ProblemDetail problem =
        GraphQlProblems.problem(
            HttpStatus.TOO_MANY_REQUESTS,
            "TOO_MANY_REQUESTS",
            "You have %d order status streams open; close one first."
                .formatted(slots.maxPerUser()));
    problem.setProperty("maxStreams", slots.maxPerUser());
    return new GraphQlProblemException(problem);
  }

  private static GraphQlProblemException noSuchOrder() {
    return new GraphQlProblemException(GraphQlProblems.notFound("You have no order with this id."));
  }
}
