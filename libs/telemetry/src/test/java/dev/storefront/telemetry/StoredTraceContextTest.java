package dev.storefront.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A trace survives being stored: the traceparent taken from a request's context, resumed later by a
 * background loop, gives spans in the same trace, children of the request's span.
 */
class StoredTraceContextTest {

  final InMemorySpanExporter exported = InMemorySpanExporter.create();
  final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
  final OtelTracer tracer =
      new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> {});
  final OtelPropagator propagator =
      new OtelPropagator(
          ContextPropagators.create(W3CTraceContextPropagator.getInstance()), provider.get("test"));
  final ObservationRegistry observations = ObservationRegistry.create();
  final StoredTraceContext traces = new StoredTraceContext(tracer, propagator, observations);

  StoredTraceContextTest() {
    // As Spring Boot registers them: the first handler that supports a context makes its span.
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)));
  }

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void theTraceparentOfTheRequestInTheReactorContextIsStoredAndResumedAsItsChild() {
    Observation request = Observation.start("request", observations);
    String stored =
        Mono.deferContextual(context -> Mono.justOrEmpty(traces.current(context)))
            .contextWrite(c -> c.put(ObservationThreadLocalAccessor.KEY, request))
            .block();
    request.stop();
    SpanData requestSpan = exported.getFinishedSpanItems().getFirst();
    // Sampled (flag bit 1; the SDK also sets bit 2, "random trace id").
    assertThat(stored)
        .matches("00-" + requestSpan.getTraceId() + "-" + requestSpan.getSpanId() + "-0[13]");

    // Later, on another thread, without the request: the loop resumes the stored trace, and work
    // inside (here one more observation, as a database or HTTP call would make) joins it.
    Mono<String> work =
        Mono.deferContextual(context -> {
          Observation inner =
              Observation.createNotStarted("inner", observations)
                  .parentObservation(context.get(ObservationThreadLocalAccessor.KEY))
                  .start();
          inner.stop();
          return Mono.just("done");
        });
    assertThat(traces.resume(stored, "payment processing", work).block()).isEqualTo("done");

    List<SpanData> spans = exported.getFinishedSpanItems();
    SpanData resumed = spanNamed(spans, "payment processing");
    SpanData inner = spanNamed(spans, "inner");
    assertThat(resumed.getTraceId()).isEqualTo(requestSpan.getTraceId());
    assertThat(resumed.getParentSpanId()).isEqualTo(requestSpan.getSpanId());
    assertThat(inner.getTraceId()).isEqualTo(requestSpan.getTraceId());
    assertThat(inner.getParentSpanId()).isEqualTo(resumed.getSpanId());
  }

  @Test
  void aMessageSentForAStoredRowIsAChildSpanWhoseContextGoesIntoItsHeaders() {
    String stored = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    Span send = traces.startProducer(stored, "events send");
    Map<String, String> headers = new HashMap<>();
    traces.inject(send, headers, Map::put);
    send.end();

    SpanData span = exported.getFinishedSpanItems().getFirst();
    assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(headers.get(StoredTraceContext.TRACEPARENT))
        .matches("00-0af7651916cd43dd8448eb211c80319c-" + span.getSpanId() + "-0[13]");
  }

  @Test
  void workWithoutAStoredTraceRunsAsItIs() {
    assertThat(traces.resume(null, "payment processing", Mono.just(1)).block()).isEqualTo(1);
    assertThat(exported.getFinishedSpanItems()).isEmpty();
    assertThat(Mono.deferContextual(c -> Mono.justOrEmpty(traces.current(c))).block()).isNull();
  }

  private static SpanData spanNamed(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }
}
