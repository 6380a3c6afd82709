package dev.storefront.telemetry;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Sends finished spans to a Zipkin server when {@code storefront.telemetry.zipkin-url} names one.
 * Spring Boot batches them (BatchSpanProcessor) off the request path and flushes at shutdown;
 * without a URL spans are still created, so trace ids reach the logs and the next hop.
 */
@AutoConfiguration
@EnableConfigurationProperties(TelemetrySettings.class)
public class TelemetryAutoConfiguration {

  /**
   * Database and Redis commands are exported only inside a request's or an event's trace. Alone
   * they are background work (the outbox relay's poll every 2 s, retention, sweeps): each would be
   * a trace of its own, burying the checkouts in Zipkin. (Dropped at export, not by an
   * ObservationPredicate: r2dbc-proxy's listener casts the context of a disabled observation and
   * fails every query's callback.)
   */
  @Bean
  SpanExportingPredicate backgroundCommandsNotExported() {
    return span ->
        !(isRoot(span.getParentId())
            && span.getKind() == Span.Kind.CLIENT
            && span.getRemoteServiceName() != null
            && BACKGROUND_COMMANDS.contains(span.getRemoteServiceName().toLowerCase(Locale.ROOT)));
  }

  static final Set<String> BACKGROUND_COMMANDS = Set.of("postgresql", "redis");

  /** A root span's parent id is absent or, from the OpenTelemetry bridge, all zeros. */
  private static boolean isRoot(String parentId) {
    return parentId == null || parentId.chars().allMatch(c -> c == '0');
  }

  /**
   * Probes and scrapes are not traced: Prometheus alone would add a trace per process every 10 s.
   * Their latency is not part of any SLO either (the rules leave /actuator out).
   */
  @Bean
  ObservationPredicate actuatorRequestsUntraced() {
    return (name, context) ->
        !(context instanceof ServerRequestObservationContext request
            && request.getCarrier() != null
            && request.getCarrier().getPath().value().startsWith("/actuator"));
  }

  /** Continues stored traces (outbox rows, queued payments); see {@link StoredTraceContext}. */
  @Bean
  StoredTraceContext storedTraceContext(
      ObjectProvider<Tracer> tracer,
      ObjectProvider<Propagator> propagator,
      ObjectProvider<ObservationRegistry> observations) {
    return new StoredTraceContext(
        tracer.getIfAvailable(() -> Tracer.NOOP),
        propagator.getIfAvailable(() -> Propagator.NOOP),
        observations.getIfAvailable(() -> ObservationRegistry.NOOP));
  }

  @Bean
  @ConditionalOnExpression("!'${storefront.telemetry.zipkin-url:}'.isBlank()")
  SpanExporter zipkinSpanExporter(TelemetrySettings settings) {
    return ZipkinSpanExporter.builder()
        .setEndpoint(settings.zipkinUrl())
        .setReadTimeout(Duration.ofSeconds(5))
        .build();
  }
}
