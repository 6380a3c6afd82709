// The Zipkin exporter wrapped as the router uses it, against a port nobody listens on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExportResultCode } from '@opentelemetry/core';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { freePort } from '../test-support/cli-router.mjs';
import { QuietFailureExporter } from '../span-export.mjs';

function finishedSpans(count) {
  const spans = [];
  const provider = new BasicTracerProvider({ spanProcessors: [{ onStart() {}, onEnd: (s) => spans.push(s), forceFlush: async () => {}, shutdown: async () => {} }] });
  const tracer = provider.getTracer('test');
  for (let i = 0; i < count; i++) tracer.startSpan(`span ${i}`).end();
  return spans;
}

const exportOnce = (exporter, spans) => new Promise((resolve) => exporter.export(spans, resolve));

test('with Zipkin unreachable: batches count as handled, one warning per interval with the spans dropped', async () => {
  const url = `http://127.0.0.1:${await freePort()}/api/v2/spans`;
  const warnings = [];
  let clock = 0;
  const exporter = new QuietFailureExporter(new ZipkinExporter({ url, serviceName: 'router' }), {
    log: { warn: (attrs, msg) => warnings.push({ attrs, msg }) },
    target: url,
    intervalMs: 60_000,
    now: () => clock,
  });

  assert.equal((await exportOnce(exporter, finishedSpans(3))).code, ExportResultCode.SUCCESS);
  clock = 30_000;
  await exportOnce(exporter, finishedSpans(2));
  clock = 61_000;
  await exportOnce(exporter, finishedSpans(4));

  assert.equal(warnings.length, 2);
  assert.equal(warnings[0].attrs.spansDropped, 3);
  assert.match(warnings[0].attrs.error, /ECONNREFUSED/);
  assert.equal(warnings[0].msg, `spans not delivered to ${url}; requests are unaffected`);
  assert.equal(warnings[1].attrs.spansDropped, 6, 'the spans dropped since the last warning');
  await exporter.shutdown();
});
