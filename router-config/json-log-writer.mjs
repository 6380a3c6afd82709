// The router's log format: one JSON object per line on stdout (the platform writes it to
// .run/logs/router.log), never coloured text: {"timestamp", "level", "msg", ...attributes}, the
// keys of Hive Gateway's own JSON writer, which writes the CLI's few start-up lines before this
// config is loaded (LOG_JSON=1), so every line has one shape. Lines written while a request is
// being served carry its trace and span as `trace_id` and `span_id` (lowercase hex, as in the W3C
// traceparent), so a trace leads to its log lines and back.
import { jsonStringify } from '@graphql-hive/logger';
import { context, trace } from '@opentelemetry/api';

/** The ids of the span active where the log call happens; nothing outside a request. */
export function activeTraceIds() {
  const span = trace.getSpanContext(context.active());
  if (!span || !trace.isSpanContextValid(span)) return {};
  return { trace_id: span.traceId, span_id: span.spanId };
}

export function formatLine(level, attrs, msg, now = new Date()) {
  const line = { timestamp: now.toISOString(), level, msg: msg ?? '', ...activeTraceIds() };
  // The logger hands over attributes already made plain (errors, classes); arrays are kept whole.
  const extra = Array.isArray(attrs) ? { attrs } : attrs;
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (!(key in line)) line[key] = value;
  }
  // JSON.stringify is several times faster; the logger's stringify (safe with circular
  // attributes) only when it throws.
  try {
    return JSON.stringify(line);
  } catch {
    return jsonStringify(line, false);
  }
}

/** A @graphql-hive/logger writer (its LogWriter interface: write(level, attrs, msg)). */
export class TraceJsonLogWriter {
  constructor(out = process.stdout) {
    this.out = out;
  }

  write(level, attrs, msg) {
    this.out.write(`${formatLine(level, attrs, msg)}\n`);
  }
}
