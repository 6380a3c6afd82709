// Traces, JSON logs and per-operation metrics of the real router process (gateway.config.ts via
// the CLI): the caller's trace is continued into the subgraph call and exported to Zipkin, the
// request's log line carries its trace id, /metrics has series per operation and per subgraph,
// and a Zipkin that is down changes nothing for clients.
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Redis from 'ioredis';
import { SUBGRAPH_SDL, composeSupergraph, post, startSubgraph } from '../test-support/fixtures.mjs';
import { freePort, startCliRouter } from '../test-support/cli-router.mjs';
import { startZipkinReceiver } from '../test-support/zipkin-receiver.mjs';

const clientIp = `198.51.100.${randomInt(1, 255)}`;
const from = { 'x-forwarded-for': clientIp };

/** A caller's W3C trace context, as a BFF sends it. */
function callerContext() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

/** The router's log line carrying `traceId`, once written (or undefined after 5 s). */
async function awaitLogLine(router, traceId) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const line = router.logLines().find((l) => l.trace_id === traceId);
    if (line || Date.now() > deadline) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

describe('router telemetry', () => {
  let subgraph, zipkin, router, supergraph;

  before(async () => {
    subgraph = await startSubgraph();
    zipkin = await startZipkinReceiver();
    supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
    router = await startCliRouter({ supergraph, env: { STOREFRONT_ZIPKIN_URL: zipkin.spansUrl } });
  });

  after(async () => {
    await router?.stop();
    await subgraph?.close();
    await zipkin?.close();
    const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    await redis.del(`router:ratelimit:ip:${clientIp}`);
    await redis.quit();
  });

  test('the caller\'s trace continues into the subgraph call and reaches Zipkin as the router\'s spans', async () => {
    const caller = callerContext();
    const seenBefore = subgraph.requests.length;
    const response = await post(router.base, { query: 'query Hello { hello }', operationName: 'Hello' }, {
      headers: { ...from, traceparent: caller.traceparent },
    });
    assert.deepEqual(response.body, { data: { hello: 'world' } });

    const upstream = subgraph.requests.slice(seenBefore).map((r) => TRACEPARENT.exec(r.headers.traceparent ?? ''));
    assert.equal(upstream.length, 1);
    assert.ok(upstream[0], 'the subgraph call carries a traceparent');
    const [, upstreamTraceId, upstreamParent] = upstream[0];
    assert.equal(upstreamTraceId, caller.traceId);
    assert.notEqual(upstreamParent, caller.spanId, 'the subgraph call is a child of a router span, not of the caller');

    const spans = await zipkin.awaitSpans((s) => s.traceId === caller.traceId && s.name === 'POST /graphql');
    const server = spans[0];
    assert.equal(server.parentId, caller.spanId, 'the router\'s request span is a child of the caller\'s span');
    assert.equal(server.localEndpoint.serviceName, 'router');
    const trace = await zipkin.awaitSpans((s) => s.traceId === caller.traceId && s.id === upstreamParent);
    assert.equal(trace[0].localEndpoint.serviceName, 'router', 'the span the subgraph call hangs from is exported too');
    const names = zipkin.spans.filter((s) => s.traceId === caller.traceId).map((s) => s.name);
    assert.ok(names.includes('graphql.operation Hello'), names.join(', '));
    assert.ok(names.includes('subgraph.execute (shop)'), names.join(', '));
    assert.ok(!names.includes('graphql.validate'), 'validation and context building make no spans');
  });

  test('health checks and metric scrapes make no traces', async () => {
    const before = zipkin.spans.length;
    await fetch(`${router.base}/healthcheck`);
    await fetch(`${router.base}/metrics`).then((r) => r.text());
    // A traced request after them: once its spans are in, theirs would be too.
    const caller = callerContext();
    await post(router.base, { query: '{ hello }' }, { headers: { ...from, traceparent: caller.traceparent } });
    await zipkin.awaitSpans((s) => s.traceId === caller.traceId && s.name === 'POST /graphql');
    const names = zipkin.spans.slice(before).map((s) => s.name);
    assert.ok(!names.some((n) => /healthcheck|metrics/.test(n)), names.join(', '));
  });

  test('every log line is JSON; the request\'s line carries its trace id', async () => {
    const caller = callerContext();
    await post(router.base, { query: 'query Hello { hello }', operationName: 'Hello' }, {
      headers: { ...from, traceparent: caller.traceparent },
    });
    const line = await awaitLogLine(router, caller.traceId);
    assert.ok(line, router.stdout);
    assert.equal(line.msg, 'request served');
    assert.equal(line.level, 'info');
    assert.equal(line.operationName, 'Hello');
    assert.equal(line.status, 200);
    assert.match(line.span_id, /^[0-9a-f]{16}$/);
    assert.ok(!Number.isNaN(Date.parse(line.timestamp)));
    for (const each of router.logLines()) {
      assert.equal(typeof each.level, 'string', JSON.stringify(each));
      assert.equal(typeof each.msg, 'string', JSON.stringify(each));
      assert.equal(typeof each.timestamp, 'string', JSON.stringify(each));
    }
    assert.doesNotMatch(router.stdout, /\u001b\[/, 'no colour codes');
  });

  test('the request line names the executed operation when the client sends no operationName', async () => {
    const caller = callerContext();
    await post(router.base, { query: 'query Unnamed { hello }' }, { headers: { ...from, traceparent: caller.traceparent } });
    const line = await awaitLogLine(router, caller.traceId);
    assert.equal(line?.operationName, 'Unnamed', router.stdout);
  });

  test('/metrics has duration and errors per client operation and per subgraph', async () => {
    await post(router.base, { query: 'query Hello { hello }', operationName: 'Hello' }, { headers: from });
    await post(router.base, { query: 'query Refused { rejected(after: "x") }', operationName: 'Refused' }, { headers: from });
    const metrics = await fetch(`${router.base}/metrics`).then((r) => r.text());
    const series = (name, ...labels) =>
      metrics.split('\n').filter((l) => l.startsWith(`${name}{`) && labels.every((label) => l.includes(label)));
    assert.ok(series('graphql_yoga_http_duration_count', 'operationName="Hello"', 'statusCode="200"').length, metrics);
    assert.ok(series('graphql_yoga_http_duration_bucket', 'operationName="Refused"').length, metrics);
    assert.ok(series('graphql_envelop_request_duration_count', 'operationName="Hello"').length, metrics);
    assert.ok(series('graphql_envelop_error_result', 'operationName="Refused"').length, metrics);
    assert.ok(series('graphql_gateway_subgraph_execute_duration_count', 'subgraphName="shop"').length, metrics);
    assert.ok(series('graphql_gateway_subgraph_execute_errors', 'subgraphName="shop"').length, metrics);
  });

  test('a sample ratio of 0 records no trace the router starts, and still continues a caller\'s sampled trace', async () => {
    const unsampled = await startCliRouter({ supergraph, env: { STOREFRONT_ZIPKIN_URL: zipkin.spansUrl, ROUTER_TRACE_SAMPLE_RATIO: '0' } });
    try {
      const seenBefore = subgraph.requests.length;
      await post(unsampled.base, { query: 'query Own { hello }', operationName: 'Own' }, { headers: from });
      const [, ownTraceId] = TRACEPARENT.exec(subgraph.requests[seenBefore].headers.traceparent ?? '') ?? [];
      assert.ok(ownTraceId, 'the subgraph call still carries a traceparent');
      assert.match(subgraph.requests[seenBefore].headers.traceparent, /-00$/, 'marked not sampled');
      const caller = callerContext();
      await post(unsampled.base, { query: '{ hello }' }, { headers: { ...from, traceparent: caller.traceparent } });
      await zipkin.awaitSpans((s) => s.traceId === caller.traceId && s.name === 'POST /graphql');
      assert.deepEqual(zipkin.spans.filter((s) => s.traceId === ownTraceId), []);
    } finally {
      await unsampled.stop();
    }
  });

  test('with Zipkin down the router answers as usual', async () => {
    const down = await startCliRouter({ supergraph, env: { STOREFRONT_ZIPKIN_URL: `http://127.0.0.1:${await freePort()}/api/v2/spans` } });
    try {
      for (let i = 0; i < 3; i++) {
        const caller = callerContext();
        const started = performance.now();
        const response = await post(down.base, { query: '{ hello }' }, { headers: { ...from, traceparent: caller.traceparent } });
        assert.deepEqual(response.body, { data: { hello: 'world' } });
        assert.ok(performance.now() - started < 1000);
      }
      // Past the exporter's first batch (1 s): a failed export does not take the router down.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const again = await post(down.base, { query: '{ hello }' }, { headers: from });
      assert.deepEqual(again.body, { data: { hello: 'world' } });
      const lines = down.logLines();
      assert.deepEqual(lines.filter((l) => l.level === 'error'), [], 'a failed export is not an error line');
      const warnings = lines.filter((l) => /spans not delivered/.test(l.msg));
      assert.equal(warnings.length, 1, 'one warning a minute at most');
      assert.ok(warnings[0].spansDropped > 0);
    } finally {
      await down.stop();
    }
  });
});
