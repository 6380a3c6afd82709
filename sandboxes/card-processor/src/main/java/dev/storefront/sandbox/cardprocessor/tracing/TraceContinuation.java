package dev.storefront.sandbox.cardprocessor.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Work the sandbox does later and on its own (deciding an intent, delivering its webhook) stays in
 * the trace of the API call that caused it, so a merchant's trace runs on into the webhook it gets.
 */
@Component
public class TraceContinuation {

  private final ObservationRegistry registry;

  public TraceContinuation(ObservationRegistry registry) {
    this.registry = registry;
  }

  /**
   * The given work, carrying the caller's current observation in its Reactor context (where
   * WebClient looks for the parent of its request span); unchanged when nothing is observed.
   */
  public <T> Mono<T> ofCurrent(Mono<T> later) {
    Observation current = registry.getCurrentObservation();
    if (current == null || current.isNoop()) {
      return later;
    }
    return later.contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, current));
  }
}
