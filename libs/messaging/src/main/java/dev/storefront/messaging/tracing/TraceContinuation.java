package dev.storefront.messaging.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Work a background loop does for something written earlier in a traced request or event (a pending
 * payment, say), run in a child span of the stored {@code traceparent}, so the trace does not end
 * where the work was queued.
 */
public class TraceContinuation {

  private final ObservationRegistry registry;

  public TraceContinuation(ObservationRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param traceParent the stored W3C traceparent; null or blank starts a new trace
   * @param name the observation's (and metric's) name, e.g. {@code storefront.payment.process}
   */
  public <T> Mono<T> childOf(String traceParent, String name, String contextualName, Mono<T> work) {
    return Mono.defer(() -> {
      ReceiverContext<Map<String, String>> context =
          new ReceiverContext<>((carrier, key) -> carrier.get(key));
      context.setCarrier(
          traceParent == null || traceParent.isBlank()
              ? Map.of()
              : Map.of(TraceParents.HEADER, traceParent));
      Observation observation =
          Observation.createNotStarted(name, () -> context, registry)
              .contextualName(contextualName)
              .start();
      return work.doOnError(observation::error)
          .doFinally(signal -> observation.stop())
          .contextWrite(reactor -> reactor.put(ObservationThreadLocalAccessor.KEY, observation));
    });
  }
}
