package dev.storefront.bff.mobile.support;

import dev.storefront.bff.problem.GraphQlProblems;
import dev.storefront.bff.router.GraphQlResult;
import dev.storefront.bff.router.RouterCall;
import dev.storefront.bff.router.RouterClient;
import dev.storefront.bff.router.RouterUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The router behind a time limit and a circuit breaker (both named {@code router}, configured under
 * {@code resilience4j.*}). A router that does not answer, or a circuit that is open, fails the call
 * at once with {@link RouterUnavailableException}: catalog screens then serve their last good copy,
 * everything else answers 503.
 */
@Component
public class ResilientRouter {

  public static final String NAME = "router";

  private final RouterClient router;
  private final CircuitBreaker breaker;
  private final TimeLimiter limiter;

  public ResilientRouter(
      RouterClient router, CircuitBreakerRegistry breakers, TimeLimiterRegistry limiters) {
    this.router = router;
    this.breaker = breakers.circuitBreaker(NAME);
    this.limiter = limiters.timeLimiter(NAME);
  }

  public Mono<GraphQlResult> execute(
      String operation, Map<String, Object> variables, RouterCall call) {
    return Mono.defer(() -> router.execute(operation, variables, call))
        .transformDeferred(TimeLimiterOperator.of(limiter))
        .transformDeferred(CircuitBreakerOperator.of(breaker))
        .onErrorMap(
            e -> e instanceof CallNotPermittedException || e instanceof TimeoutException,
            e ->
                new RouterUnavailableException(
                    e instanceof CallNotPermittedException
                        ? "the router's circuit is open"
                        : "router did not answer in time for " + operation,
                    e));
  }

  /** The result's data; a {@code GraphQlProblemException} when the result has errors. */
  public Mono<JsonNode> data(String operation, Map<String, Object> variables, RouterCall call) {
    return execute(operation, variables, call).map(GraphQlProblems::requireData);
  }

  public CircuitBreaker.State state() {
    return breaker.getState();
  }
}
