package dev.storefront.sandbox.cardprocessor.fault;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What real processors do to their callers: outages (503, nothing processed), slow answers, and
 * internal errors (500) that come either before the request was processed or after it — a caller
 * cannot tell which, so only an idempotent retry is safe.
 */
@Component
public class FaultInjection {

  private final CurrentBehaviour behaviour;

  public FaultInjection(CurrentBehaviour behaviour) {
    this.behaviour = behaviour;
  }

  public <T> Mono<T> around(Mono<T> action) {
    Behaviour now = behaviour.get();
    if (now.outage()) {
      return Mono.error(new ProcessorFault(503, "processor unavailable"));
    }
    Mono<Void> delay =
        now.apiLatencyMs() > 0
            ? Mono.delay(Duration.ofMillis(now.apiLatencyMs())).then()
            : Mono.empty();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (random.nextDouble() < now.errorRate()) {
      if (random.nextBoolean()) {
        return delay.then(Mono.error(new ProcessorFault(500, "internal error")));
      }
      return delay
          .then(action)
          .then(Mono.error(new ProcessorFault(500, "internal error after processing")));
    }
    return delay.then(action);
  }

  /** An injected failure, answered with its status. */
  public static class ProcessorFault extends RuntimeException {
    private final int status;

    public ProcessorFault(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
