// Traces and logs. gateway.config.ts calls setUpTracing() before the gateway starts and spreads
// the rest into its config; the tests use the same functions.
//
// Traces: Hive Gateway's OpenTelemetry plugin (the `openTelemetry` config key) creates the spans
// (http, graphql.*, subgraph.execute, http.fetch) on the global tracer provider registered here,
// and forwards the W3C `traceparent`/`tracestate` (and `baggage`) to every subgraph request.
// - ROUTER_ZIPKIN_URL set: a tracer provider (service `router`) sends spans to Zipkin through a
//   BatchSpanProcessor (in the background, never on the request path; flushed when the gateway is
//   disposed, which the CLI does on SIGTERM/SIGINT). A caller's traceparent is continued: the
//   router's spans join its trace, and subgraphs receive the router's span as their parent.
//   ROUTER_TRACE_SAMPLE_RATIO samples traces that start here; a caller's decision (the sampled
//   flag of its traceparent) is kept (ParentBased).
// - unset: no tracer provider, so no spans are made or recorded; the plugin still extracts the
//   caller's context and injects it unchanged, so subgraphs are children of the caller's span (a
//   router span id they pointed to would never reach Zipkin and leave a hole in the trace), and
//   its sampled flag is kept. Without a traceparent nothing is sent.
//
// Logs: one JSON object per line (the gateway's JSONLogWriter), plus `trace_id` and `span_id` of
// the span active when the line is written (the request's innermost span). Lines written outside a
// request have neither, except while a supergraph loads (the plugin's `gateway.schema` span). The CLI writes its first lines ("Starting ...",
// "Loading config file ...") before it reads this config: LOG_JSON=1 in the environment makes
// those JSON too.
import cluster from 'node:cluster';
import { JSONLogWriter, Logger } from '@graphql-hive/gateway';
import { context, isSpanContextValid, trace } from '@graphql-hive/gateway/opentelemetry/api';
import { openTelemetrySetup } from '@graphql-hive/gateway/opentelemetry/setup';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { PLATFORM_PATHS } from './security.mjs';

export const SERVICE_NAME = 'router';

/** JSON lines with the active trace and span ids. */
export class TraceJsonLogWriter {
  #json = new JSONLogWriter();

  write(level, attrs, msg) {
    const span = trace.getSpanContext(context.active());
    if (!span || !isSpanContextValid(span)) return this.#json.write(level, attrs, msg);
    return this.#json.write(level, { ...attrs, trace_id: span.traceId, span_id: span.spanId }, msg);
  }
}

/** The gateway's logger (the `logging` key); every plugin logs through it. */
export function createLogger(settings, { writers = [new TraceJsonLogWriter()] } = {}) {
  return new Logger({
    level: settings.logLevel === 'false' ? false : settings.logLevel,
    writers,
    // With ROUTER_WORKERS > 1 the CLI's own per-worker logger is replaced by this one.
    ...(cluster.worker ? { attrs: { worker: cluster.worker.id } } : {}),
  });
}

/**
 * Registers the context manager, the W3C propagators and (with a Zipkin URL) the tracer provider.
 * Once per process. Returns `flush()`, which sends the spans still buffered.
 */
export function setUpTracing(settings, { log } = {}) {
  const processor = settings.zipkinUrl
    ? new BatchSpanProcessor(new ZipkinExporter({ url: settings.zipkinUrl, serviceName: SERVICE_NAME }))
    : undefined;
  openTelemetrySetup({
    log,
    // Async-aware: spans parent correctly across awaits, and the log writer finds the request's span.
    contextManager: new AsyncLocalStorageContextManager(),
    resource: { serviceName: SERVICE_NAME },
    // The default propagators: W3C trace context and baggage.
    ...(processor
      ? {
          traces: { processors: [processor] },
          // Explicitly: the setup's own `samplingRate: 0` would sample everything.
          sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.traceSampleRatio) }),
        }
      : {}),
  });
  return { exporting: Boolean(processor), flush: async () => processor?.forceFlush() };
}

/** The `openTelemetry` key. The platform's probes and scrapes are not traced. */
export function openTelemetryOptions(settings) {
  return {
    traces: {
      spans: {
        http: ({ request, ignoredRequests }) =>
          !ignoredRequests.has(request) && !PLATFORM_PATHS.includes(new URL(request.url).pathname),
      },
    },
    inheritContext: true,
    propagateContext: true,
    // The plugin's own flush-on-dispose reaches the API's proxy provider, which cannot flush:
    // useTraceFlush() flushes the processor instead.
    flushOnDispose: false,
    // Only recorded spans carry the operation hash; without an exporter nothing is recorded.
    ...(settings.zipkinUrl ? {} : { hashOperation: null }),
  };
}

/** Flushes buffered spans when the gateway is disposed (SIGTERM/SIGINT in the CLI). */
export function useTraceFlush(tracing, log) {
  return {
    // Zipkin down: the spans are lost, the shutdown goes on.
    onDispose: () => tracing.flush().catch((error) => log?.warn({ err: error }, 'Could not send the last spans to Zipkin')),
  };
}
