package dev.storefront.messaging.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Runs the handling of one stream entry in an observation whose span is a child of the span that
 * wrote the event (its {@code traceparent} field): a checkout stays one trace from the BFF call
 * through every consumer. Log lines written meanwhile carry that trace id (MDC).
 */
public class EventHandlingObservation {

  static final String NAME = "storefront.event.handle";

  private final ObservationRegistry registry;

  public EventHandlingObservation(ObservationRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param fields the stream entry; its {@code traceparent}, when present, is the parent
   * @param stream the stream it was read from (the remote service's events)
   */
  public <T> Mono<T> observe(Map<String, String> fields, String stream, Mono<T> handling) {
    return Mono.defer(() -> {
      ReceiverContext<Map<String, String>> context =
          new ReceiverContext<>((carrier, key) -> carrier.get(key));
      context.setCarrier(fields);
      context.setRemoteServiceName(stream);
      Observation observation =
          Observation.createNotStarted(NAME, () -> context, registry)
              .contextualName("handle " + fields.getOrDefault("type", "event"))
              .lowCardinalityKeyValue("event.type", fields.getOrDefault("type", "unknown"))
              .lowCardinalityKeyValue("messaging.source", stream)
              .highCardinalityKeyValue("event.id", fields.getOrDefault("id", ""))
              .highCardinalityKeyValue("aggregate.id", fields.getOrDefault("aggregateId", ""))
              .start();
      return handling
          .doOnError(observation::error)
          .doFinally(signal -> observation.stop())
          .contextWrite(reactor -> reactor.put(ObservationThreadLocalAccessor.KEY, observation));
    });
  }
}
