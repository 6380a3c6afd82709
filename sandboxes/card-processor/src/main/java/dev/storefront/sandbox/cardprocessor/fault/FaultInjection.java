package dev.storefront.sandbox.cardprocessor.fault;

import dev.storefront.sandbox.cardprocessor.api.ApiError;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What real processors do to their callers, applied around each {@code /v1} call: outages (503,
 * nothing processed), slow answers, and internal errors (500) that come either before the request
 * was processed or after it. Both 500s look the same, so the only safe reaction is an idempotent
 * retry.
 */
@Component
public class FaultInjection {

  private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

  private final CurrentBehaviour behaviour;

  public FaultInjection(CurrentBehaviour behaviour) {
    this.behaviour = behaviour;
  }

  /** The call, subjected to the behaviour in force when it is subscribed. */
  public <T> Mono<T> around(Mono<T> call) {
    return Mono.defer(() -> {
      Behaviour now = behaviour.get();
      if (now.outage()) {
        return Mono.error(ApiError.unavailable());
      }
      return Mono.delay(Duration.ofMillis(now.apiLatencyMs()))
          .then(Mono.defer(() -> maybeFail(call)));
    });
  }

  private <T> Mono<T> maybeFail(Mono<T> call) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (random.nextDouble() >= behaviour.get().errorRate()) {
      return call;
    }
    if (random.nextBoolean()) {
      log.info("injected a 500 before processing");
      return Mono.error(ApiError.internal());
    }
    return call.then(
        Mono.defer(() -> {
          log.info("injected a 500 after processing");
          return Mono.error(ApiError.internal());
        }));
  }
}
