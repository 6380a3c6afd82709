package dev.storefront.telemetry;

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Carries a trace through work that is stored and picked up later by a background loop (an outbox
 * row the relay publishes, a payment the processing loop charges): the W3C {@code traceparent} of
 * the span that stored it is kept with the row, and the loop continues that trace when it acts on
 * the row. Without it a checkout's trace would end at each commit and every later step would start
 * a trace of its own.
 */
public class StoredTraceContext {

  public static final String TRACEPARENT = "traceparent";

  private final Tracer tracer;
  private final Propagator propagator;
  private final ObservationRegistry observations;
  private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

  public StoredTraceContext(
      Tracer tracer, Propagator propagator, ObservationRegistry observations) {
    this.tracer = tracer;
    this.propagator = propagator;
    this.observations = observations;
  }

  /** Records nothing: for processes without tracing. */
  public static StoredTraceContext untraced() {
    return new StoredTraceContext(Tracer.NOOP, Propagator.NOOP, ObservationRegistry.NOOP);
  }

  /** The traceparent of the span current in this Reactor context (a request's or an event's). */
  public Optional<String> current(ContextView reactorContext) {
    try (var scope = snapshots.setThreadLocalsFrom(reactorContext)) {
      Span span = tracer.currentSpan();
      if (span == null) {
        return Optional.empty();
      }
      Map<String, String> carrier = new HashMap<>();
      propagator.inject(span.context(), carrier, Map::put);
      return Optional.ofNullable(carrier.get(TRACEPARENT));
    }
  }

  /**
   * Runs {@code work} in a span continuing the stored trace: the database calls, HTTP calls and log
   * lines inside it belong to that trace. Without a stored traceparent (rows written before it was
   * kept) the work runs as it is.
   */
  public <T> Mono<T> resume(String traceParent, String name, Mono<T> work) {
    if (traceParent == null) {
      return work;
    }
    return Mono.defer(() -> {
      ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
      context.setCarrier(Map.of(TRACEPARENT, traceParent));
      context.setContextualName(name);
      Observation observation =
          Observation.createNotStarted("storefront.resumed", () -> context, observations)
              .lowCardinalityKeyValue("work", name)
              .start();
      return work.contextWrite(c -> c.put(ObservationThreadLocalAccessor.KEY, observation))
          .doOnError(observation::error)
          .doFinally(signal -> observation.stop());
    });
  }

  /**
   * Starts the span of a message sent for a stored row: a child of the row's trace (a new trace
   * when the row has none). Its context goes into the message with {@link #inject}.
   */
  public Span startProducer(String traceParent, String name) {
    Span.Builder builder =
        traceParent == null
            ? tracer.spanBuilder()
            : propagator.extract(Map.of(TRACEPARENT, traceParent), Map::get);
    return builder.name(name).kind(Span.Kind.PRODUCER).start();
  }

  /** Writes the span's context into a message's headers. */
  public <C> void inject(Span span, C carrier, Propagator.Setter<C> setter) {
    propagator.inject(span.context(), carrier, setter);
  }
}
