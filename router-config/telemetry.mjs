// Traces and logs of the router: spans go to Zipkin under the service name `router`; an incoming
// W3C traceparent (from a BFF) is continued and every subgraph call carries one, so a BFF call and
// the subgraphs behind it form one trace. Log lines are JSON with the request's trace ids
// (json-log-writer.mjs).
import { Logger } from '@graphql-hive/logger';
import { openTelemetrySetup } from '@graphql-hive/plugin-opentelemetry/setup';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { pathOf } from './access-log.mjs';
import { TraceJsonLogWriter } from './json-log-writer.mjs';
import { QuietFailureExporter } from './span-export.mjs';

export const SERVICE_NAME = 'router';
export const DEFAULT_ZIPKIN_URL = 'http://127.0.0.1:9411/api/v2/spans';

// Spans leave in batches off the request path. The queue is bounded: when Zipkin is down or slow,
// new spans are dropped instead of memory growing; a failed export is not retried, does not touch
// requests and is logged at most once a minute (span-export.mjs).
export const SPAN_BATCHING = {
  maxQueueSize: 2048,
  maxExportBatchSize: 512,
  scheduledDelayMillis: 1000,
  exportTimeoutMillis: 5000,
};

/** The router's logger: JSON lines on stdout at the configured level. */
export function createLogger(settings, out = process.stdout) {
  return new Logger({ level: settings.logLevel === 'false' ? false : settings.logLevel, writers: [new TraceJsonLogWriter(out)] });
}

/**
 * Registers the global tracer provider (before the gateway starts) and returns the gateway's
 * `openTelemetry` config key. The AsyncLocalStorage context manager keeps the request's span
 * active through async work, which is what puts trace ids on log lines.
 */
export function setUpTracing(settings, log) {
  openTelemetrySetup({
    log,
    resource: { serviceName: SERVICE_NAME },
    contextManager: new AsyncLocalStorageContextManager(),
    // The caller's decision first (a BFF's sampled traceparent is always continued, so a trace is
    // never cut at the router); requests starting a trace are sampled at the ratio. Passed as a
    // sampler: the setup's `samplingRate` treats 0 as "not set" and samples everything.
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.traceSampleRatio) }),
    traces: {
      exporter: new QuietFailureExporter(new ZipkinExporter({ url: settings.zipkinUrl, serviceName: SERVICE_NAME }), {
        log,
        target: settings.zipkinUrl,
      }),
      batching: SPAN_BATCHING,
    },
  });
  return {
    traces: {
      spans: {
        // Health checks, readiness polls and Prometheus scrapes are not traced: noise and cost.
        http: ({ request }) => pathOf(request.url).startsWith('/graphql'),
        // The router is the bottleneck: validation and context building are sub-millisecond steps
        // whose spans would be 2 of every 10 the router makes; /metrics has their durations
        // (graphql_envelop_phase_*). The parse span stays: it is what names the operation span.
        graphqlValidate: false,
        graphqlContextBuilding: false,
      },
    },
    inheritContext: true,
    propagateContext: true,
    hashOperation: null,
  };
}
