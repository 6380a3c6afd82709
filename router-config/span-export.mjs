// How the router's spans leave: through the Zipkin exporter, with failures kept quiet. The batch
// processor reports every failed export as an error line, one per batch (every second while Zipkin
// is down); this wrapper logs one warning per interval with the number of spans dropped, and
// reports the batch as handled so the processor moves on (a failed batch is never retried anyway).
import { ExportResultCode } from '@opentelemetry/core';

export const FAILURE_LOG_INTERVAL_MS = 60_000;

export class QuietFailureExporter {
  constructor(inner, { log, target, intervalMs = FAILURE_LOG_INTERVAL_MS, now = Date.now } = {}) {
    this.inner = inner;
    this.log = log;
    this.target = target;
    this.intervalMs = intervalMs;
    this.now = now;
    this.lastWarning = -Infinity;
    this.dropped = 0;
  }

  export(spans, resultCallback) {
    this.inner.export(spans, (result) => {
      if (result.code !== ExportResultCode.SUCCESS) this.failed(spans.length, result.error);
      resultCallback({ code: ExportResultCode.SUCCESS });
    });
  }

  failed(count, error) {
    this.dropped += count;
    if (this.now() - this.lastWarning < this.intervalMs) return;
    this.lastWarning = this.now();
    this.log?.warn(
      { spansDropped: this.dropped, error: error?.message },
      `spans not delivered to ${this.target}; requests are unaffected`,
    );
    this.dropped = 0;
  }

  shutdown() {
    return this.inner.shutdown();
  }

  forceFlush() {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
