package dev.storefront.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelFinishedSpan;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

class TelemetryAutoConfigurationTest {

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TelemetryAutoConfiguration.class));

  @Test
  void spansGoToZipkinOnlyWhenItsUrlIsSet() {
    runner.run(context -> assertThat(context).doesNotHaveBean(SpanExporter.class));
    runner
        .withPropertyValues("storefront.telemetry.zipkin-url=http://127.0.0.1:9411/api/v2/spans")
        .run(context ->
            assertThat(context.getBean(SpanExporter.class)).isInstanceOf(ZipkinSpanExporter.class));
  }

  @Test
  void databaseAndRedisCommandsAreExportedOnlyInsideATrace() {
    runner.run(context -> {
      SpanExportingPredicate predicate = context.getBean(SpanExportingPredicate.class);
      InMemorySpanExporter exported = InMemorySpanExporter.create();
      try (SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(exported))
              .build()) {
        OtelTracer tracer =
            new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> {});
        Span request = tracer.nextSpan().name("http post /graphql").start();
        for (String remote : List.of("postgresql", "redis")) {
          command(tracer, remote, null);
          command(tracer, remote, request);
        }
        request.end();
        Map<String, Boolean> exportedByKind = new java.util.LinkedHashMap<>();
        for (SpanData span : exported.getFinishedSpanItems()) {
          boolean root = !span.getParentSpanContext().isValid();
          exportedByKind.put(
              span.getName() + (root ? " alone" : " in a request"),
              predicate.isExportable(OtelFinishedSpan.fromOtel(span)));
        }
        assertThat(exportedByKind)
            .containsEntry("postgresql alone", false)
            .containsEntry("redis alone", false)
            .containsEntry("postgresql in a request", true)
            .containsEntry("redis in a request", true)
            .containsEntry("http post /graphql alone", true);
      }
    });
  }

  private static void command(OtelTracer tracer, String remote, Span parent) {
    Span.Builder builder = tracer.spanBuilder().name(remote).kind(Span.Kind.CLIENT);
    if (parent != null) {
      builder.setParent(parent.context());
    }
    builder.remoteServiceName(remote).start().end();
  }

  @Test
  void probesAndScrapesAreNotTraced() {
    runner.run(context -> {
      ObservationPredicate predicate =
          context.getBean("actuatorRequestsUntraced", ObservationPredicate.class);
      assertThat(predicate.test("http.server.requests", request("/actuator/prometheus"))).isFalse();
      assertThat(predicate.test("http.server.requests", request("/graphql"))).isTrue();
    });
  }

  private static ServerRequestObservationContext request(String path) {
    return new ServerRequestObservationContext(
        MockServerHttpRequest.get(path).build(), new MockServerHttpResponse(), java.util.Map.of());
  }
}
