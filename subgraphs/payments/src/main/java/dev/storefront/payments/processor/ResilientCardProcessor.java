package dev.storefront.payments.processor;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The card processor behind resilience4j: each attempt has a timeout (in the client), runs in a
 * bulkhead (at most N calls in flight), through a circuit breaker (fail fast while the processor is
 * down), and is retried with exponential backoff and jitter. Retrying is safe because every call is
 * idempotent: creation and cancellation carry the payment id as idempotency key, reads are reads.
 */
public class ResilientCardProcessor {

  public static final String NAME = "cardProcessor";

  private final CardProcessorClient client;
  private final CircuitBreaker circuitBreaker;
  private final Retry retry;
  private final Bulkhead bulkhead;

  public ResilientCardProcessor(
      CardProcessorClient client,
      ProcessorSettings settings,
      CircuitBreakerRegistry circuitBreakers,
      RetryRegistry retries,
      BulkheadRegistry bulkheads) {
    this.client = client;
    this.circuitBreaker =
        circuitBreakers.circuitBreaker(
            NAME,
            CircuitBreakerConfig.custom()
                .slidingWindowSize(settings.circuitWindow())
                .minimumNumberOfCalls(settings.circuitMinimumCalls())
                .failureRateThreshold(settings.circuitFailureRate())
                .waitDurationInOpenState(settings.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // A refused request is the caller's problem, not a sign the processor is down.
                .ignoreException(e ->
                    e instanceof ProcessorCallException p
                        && p.kind() == ProcessorCallException.Kind.REJECTED)
                .build());
    this.retry =
        retries.retry(
            NAME,
            RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(
                        settings.retryFirstBackoff(), 2.0, 0.5))
                .retryOnException(e ->
                    e instanceof ProcessorCallException p
                        && p.kind() != ProcessorCallException.Kind.REJECTED)
                .build());
    this.bulkhead =
        bulkheads.bulkhead(
            NAME,
            BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(java.time.Duration.ofMillis(500))
                .build());
  }

  public Mono<CallOutcome> createIntent(
      String idempotencyKey, BigDecimal amount, String currency, String reference) {
    return resilient(() -> client.createIntent(idempotencyKey, amount, currency, reference));
  }

  public Mono<CallOutcome> getIntent(String intentId) {
    return resilient(() -> client.getIntent(intentId));
  }

  public Mono<CallOutcome> cancelIntent(String intentId, String idempotencyKey) {
    return resilient(() -> client.cancelIntent(intentId, idempotencyKey));
  }

  public CircuitBreaker.State circuitState() {
    return circuitBreaker.getState();
  }

  private Mono<CallOutcome> resilient(Supplier<Mono<PaymentIntent>> call) {
    AtomicBoolean reached = new AtomicBoolean();
    return Mono.defer(call)
        .doOnError(e -> {
          if (e instanceof ProcessorCallException p && p.reachedProcessor()) {
            reached.set(true);
          }
        })
        .transformDeferred(BulkheadOperator.of(bulkhead))
        .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
        .transformDeferred(RetryOperator.of(retry))
        .map(intent -> new CallOutcome(intent, null, reached.get()))
        .onErrorResume(
            e ->
                e instanceof ProcessorCallException
                    || e instanceof CallNotPermittedException
                    || e instanceof BulkheadFullException,
            e -> Mono.just(new CallOutcome(null, e, reached.get())));
  }
}
