package dev.storefront.messaging.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import reactor.util.context.ContextView;

/**
 * The W3C {@code traceparent} of the span an event is written in, so that the event's consumers
 * continue the same trace across the outbox and the stream.
 */
public class TraceParents {

  /** The W3C header (and stream field) name. */
  public static final String HEADER = "traceparent";

  private final Tracer tracer;
  private final Propagator propagator;

  public TraceParents(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /**
   * The traceparent of the observation in the subscriber's Reactor context (where WebFlux and the
   * consumers put it), else of the thread's current span; empty when nothing is traced.
   */
  public Optional<String> current(ContextView reactorContext) {
    Span span =
        spanOf(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
            .orElseGet(tracer::currentSpan);
    if (span == null || span.isNoop()) {
      return Optional.empty();
    }
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(span.context(), carrier, Map::put);
    return Optional.ofNullable(carrier.get(HEADER)).filter(value -> !value.isBlank());
  }

  private static Optional<Span> spanOf(Observation observation) {
    if (observation == null || observation.isNoop()) {
      return Optional.empty();
    }
    TracingObservationHandler.TracingContext tracing =
        observation.getContextView().get(TracingObservationHandler.TracingContext.class);
    return Optional.ofNullable(tracing).map(TracingObservationHandler.TracingContext::getSpan);
  }
}
