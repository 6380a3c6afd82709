// Tracing set up as gateway.config.ts does (observability.mjs), in-process gateways over the tiny
// subgraph: the caller's traceparent without a Zipkin URL, and the sample ratio with one. (The
// CLI run in gateway-config.test.mjs covers export, shutdown flush and JSON logs.) OpenTelemetry
// is global: one setup at a time, disabled between the two.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Logger } from '@graphql-hive/gateway';
import { useOpenTelemetry } from '@graphql-hive/gateway/opentelemetry';
import { disable } from '@graphql-hive/gateway/opentelemetry/setup';
import { openTelemetryOptions, setUpTracing, useTraceFlush } from '../observability.mjs';
import { readSettings } from '../settings.mjs';
import { SUBGRAPH_SDL, composeSupergraph, graphql, startGateway, startSubgraph, startZipkin } from '../test-support/fixtures.mjs';

const silent = new Logger({ level: false });
const callerContext = (flags = '01') => {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-${flags}` };
};
const forwardedTraceparent = async (gateway, headers = {}) =>
  (await graphql(gateway.url, '{ whoami { traceparent } }', { headers })).body.data.whoami.traceparent;

let subgraph, supergraph;
before(async () => {
  subgraph = await startSubgraph();
  supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
});
after(() => subgraph?.close());

/** An in-process router with the tracing of the given environment. */
async function startTracedGateway(env) {
  const settings = readSettings(env);
  const tracing = setUpTracing(settings, { log: silent });
  const gateway = await startGateway({
    supergraph,
    env,
    plugins: [useOpenTelemetry(openTelemetryOptions(settings)), useTraceFlush(tracing)],
  });
  return { ...gateway, tracing };
}

describe('without ROUTER_ZIPKIN_URL', () => {
  let gateway;
  before(async () => {
    gateway = await startTracedGateway({});
  });
  after(async () => {
    await gateway?.close();
    disable();
  });

  test('nothing is exported, and the caller\'s traceparent reaches the subgraph unchanged (sampled or not)', async () => {
    assert.equal(gateway.tracing.exporting, false);
    for (const flags of ['01', '00']) {
      const { traceparent } = callerContext(flags);
      assert.equal(await forwardedTraceparent(gateway, { traceparent }), traceparent);
    }
  });

  test('without a traceparent the subgraph gets none', async () => {
    assert.equal(await forwardedTraceparent(gateway), null);
  });
});

describe('ROUTER_TRACE_SAMPLE_RATIO=0 with a Zipkin URL', () => {
  let gateway, zipkin;
  before(async () => {
    zipkin = await startZipkin();
    gateway = await startTracedGateway({ ROUTER_ZIPKIN_URL: `${zipkin.url}/api/v2/spans`, ROUTER_TRACE_SAMPLE_RATIO: '0' });
  });
  after(async () => {
    await gateway?.close();
    await zipkin?.close();
    disable();
  });

  test('traces starting at the router are not sampled, and subgraphs are told so', async () => {
    const forwarded = await forwardedTraceparent(gateway);
    assert.match(forwarded, /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    await gateway.tracing.flush();
    assert.equal(zipkin.spans.filter((span) => span.traceId === forwarded.split('-')[1]).length, 0);
  });

  test('a caller\'s sampling decision wins over the ratio: a sampled traceparent is recorded and exported', async () => {
    const { traceId, spanId, traceparent } = callerContext('01');
    const [, forwardedTrace, parent, flags] = (await forwardedTraceparent(gateway, { traceparent })).split('-');
    assert.deepEqual([forwardedTrace, flags], [traceId, '01']);
    assert.notEqual(parent, spanId);
    await gateway.tracing.flush();
    const spans = zipkin.spans.filter((span) => span.traceId === traceId);
    assert.ok(spans.some((span) => span.parentId === spanId && span.kind === 'SERVER'), JSON.stringify(spans));
    assert.ok(spans.some((span) => span.id === parent && span.name === 'http.fetch'));
    assert.ok(spans.every((span) => span.localEndpoint.serviceName === 'router'));
  });
});
