import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GraphQLError } from 'graphql';
import { sanitizeError, sanitizeResult } from '../error-hygiene.mjs';
import { SUBGRAPH_SDL, composeSupergraph, graphql, listen, startGateway, startSubgraph } from '../test-support/fixtures.mjs';

// Development is where Yoga adds the most (originalError with a stack) to masked errors.
process.env.NODE_ENV = 'development';

const OFFLINE_SDL = 'type Query { offline: String }';

function assertNoUpstreamDetails(body, subgraphPort) {
  const text = JSON.stringify(body);
  assert.doesNotMatch(text, /https?:\/\//, text);
  assert.doesNotMatch(text, new RegExp(`:${subgraphPort}\\b`), text);
  assert.doesNotMatch(text, /"(request|response|stack|originalError|exception)"/, text);
  assert.doesNotMatch(text, /\bat .*\.js:\d+/, text);
}

describe('errors carry no upstream details', () => {
  let subgraph, gateway, offlinePort;

  before(async () => {
    subgraph = await startSubgraph({ slowMs: 1000 });
    const closed = await listen(() => {});
    offlinePort = closed.port;
    await closed.close();
    const supergraph = composeSupergraph([
      { name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` },
      { name: 'offline', sdl: OFFLINE_SDL, url: `http://127.0.0.1:${offlinePort}/graphql` },
    ]);
    gateway = await startGateway({ supergraph, upstreamTimeout: 300 });
  });
  after(async () => {
    await gateway?.close();
    await subgraph?.close();
  });

  test('a subgraph that is down', async () => {
    const response = await graphql(gateway.url, '{ offline }');
    assert.ok(response.body.errors?.length, JSON.stringify(response.body));
    assert.ok(response.body.errors[0].extensions.code);
    assertNoUpstreamDetails(response.body, offlinePort);
  });

  test('a subgraph that times out (the gateway puts the URL and the body in extensions.request)', async () => {
    const response = await graphql(gateway.url, '{ slow }');
    assert.ok(response.body.errors?.length, JSON.stringify(response.body));
    assert.equal(response.body.errors[0].extensions.code, 'GATEWAY_TIMEOUT');
    assertNoUpstreamDetails(response.body, subgraph.port);
    assert.ok(response.status < 500 || response.status === 504, `status ${response.status}`);
  });

  test("a subgraph's own client-facing error keeps its code and extensions", async () => {
    const response = await graphql(gateway.url, '{ rejected(after: "zzz") }');
    assert.equal(response.body.errors[0].message, 'after is not a cursor this service issued');
    assert.equal(response.body.errors[0].extensions.code, 'BAD_USER_INPUT');
    assert.equal(response.body.errors[0].extensions.argument, 'after');
    assertNoUpstreamDetails(response.body, subgraph.port);
  });

  test('a malformed body is refused without echoing the parser\'s error', async () => {
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    const body = await response.json();
    assert.equal(response.status, 400);
    assert.deepEqual(body.errors[0].extensions, { code: 'BAD_REQUEST' });
  });
});

describe('sanitizeError', () => {
  test('removes upstream extensions and URLs, keeps code and client-facing extensions', () => {
    const error = new GraphQLError('fetch to http://10.0.0.5:4002/graphql failed (connect ECONNREFUSED 10.0.0.5:4002)', {
      path: ['a'],
      extensions: {
        code: 'DOWNSTREAM_SERVICE_ERROR',
        serviceName: 'catalog',
        retryAfterSeconds: 3,
        field: 'price',
        request: { url: 'http://10.0.0.5:4002/graphql', body: '{"query":"{a}"}' },
        response: { status: 502, body: '<html>' },
        stack: 'Error: x\n    at y.js:1:1',
        originalError: { message: 'x', stack: 'y' },
      },
    });
    const clean = sanitizeError(error);
    assert.equal(clean.message, 'fetch to [redacted URL] failed (connect ECONNREFUSED [redacted address])');
    assert.deepEqual(clean.extensions, { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'catalog', retryAfterSeconds: 3, field: 'price' });
    assert.deepEqual(clean.path, ['a']);
  });

  test('leaves clean errors and results untouched', () => {
    const error = new GraphQLError('first must not be negative', { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    assert.equal(sanitizeError(error), error);
    const result = { data: { a: null }, errors: [error] };
    assert.equal(sanitizeResult(result), result);
  });
});
