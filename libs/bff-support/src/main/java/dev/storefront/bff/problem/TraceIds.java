package dev.storefront.bff.problem;

import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/** The trace id of the request an exchange belongs to, for logs and problem responses. */
public final class TraceIds {

  private TraceIds() {}

  /** The current request's trace id; null when the request is not traced. */
  public static String of(ServerWebExchange exchange) {
    if (exchange == null) {
      return null;
    }
    try {
      return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
          .map(context ->
              (TracingObservationHandler.TracingContext)
                  context.get(TracingObservationHandler.TracingContext.class))
          .map(TracingObservationHandler.TracingContext::getSpan)
          .map(span -> span.context().traceId())
          .filter(id -> !id.isBlank())
          .orElse(null);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
