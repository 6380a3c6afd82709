import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Logger } from '@graphql-hive/logger';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TraceJsonLogWriter } from '../json-log-writer.mjs';

const manager = new AsyncLocalStorageContextManager();
before(() => context.setGlobalContextManager(manager.enable()));
after(() => context.disable());

function capture() {
  const lines = [];
  const log = new Logger({ level: 'debug', writers: [new TraceJsonLogWriter({ write: (s) => lines.push(s) })] });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l)) };
}

test('one JSON object per line: timestamp, level, msg and the attributes; no trace ids outside a request', () => {
  const { log, lines, parsed } = capture();
  log.info({ operationName: 'Hello', status: 200 }, 'request served');
  assert.equal(lines.length, 1);
  assert.ok(lines[0].endsWith('}\n') && !lines[0].slice(0, -1).includes('\n'));
  const [line] = parsed();
  assert.deepEqual(Object.keys(line), ['timestamp', 'level', 'msg', 'operationName', 'status']);
  assert.deepEqual([line.level, line.msg, line.operationName], ['info', 'request served', 'Hello']);
});

test('inside a span the line carries its trace_id and span_id', async () => {
  const { log, parsed } = capture();
  const spanContext = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };
  await context.with(trace.setSpanContext(context.active(), spanContext), async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    log.warn('after an await');
  });
  log.info('outside again');
  const [inside, outside] = parsed();
  assert.equal(inside.trace_id, spanContext.traceId);
  assert.equal(inside.span_id, spanContext.spanId);
  assert.equal(outside.trace_id, undefined);
});

test('errors and circular attributes still make one valid line', () => {
  const { log, parsed } = capture();
  const loop = { name: 'loop' };
  loop.self = loop;
  log.error({ err: new Error('boom'), loop }, 'failed');
  const [line] = parsed();
  assert.equal(line.err.message, 'boom');
  assert.equal(line.loop.name, 'loop');
});
