import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SUBGRAPH_SDL, composeSupergraph, startGateway, startSubgraph } from '../test-support/fixtures.mjs';

// Development: masked errors then carry the upstream error (originalError), which must not leak.
process.env.NODE_ENV = 'development';

/** Subscribes over server-sent events; resolves to the HTTP status, headers and the results. */
async function subscribe(url, query, headers = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  const events = text
    .split('\n')
    .filter((line) => line.startsWith('data:') && line.length > 5)
    .map((line) => JSON.parse(line.slice(5)));
  return { status: response.status, headers: response.headers, events };
}

describe('subscriptions over server-sent events', () => {
  let subgraph, gateway;

  before(async () => {
    subgraph = await startSubgraph();
    const supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
    gateway = await startGateway({ supergraph });
  });
  after(async () => {
    await gateway?.close();
    await subgraph?.close();
  });

  test('stream through the router with rate-limit headers', async () => {
    const { status, headers, events } = await subscribe(gateway.url, 'subscription { ticks(upTo: 3) { n } }');
    assert.equal(status, 200);
    assert.deepEqual(events, [1, 2, 3].map((n) => ({ data: { ticks: { n } } })));
    assert.ok(headers.get('ratelimit-limit'));
  });

  test('errors inside a stream lose their upstream details too', async () => {
    const { events } = await subscribe(gateway.url, 'subscription { ticks(upTo: 1) { n fails } }');
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].data, { ticks: { n: 1, fails: null } });
    // The gateway masks a subgraph error inside a subscription; in development it attaches the
    // original (with its URL and extensions.request), which must not reach the client.
    const [error] = events[0].errors;
    assert.ok(error.extensions.code);
    assert.equal(error.extensions.originalError, undefined);
    assert.equal(error.extensions.request, undefined);
    assert.doesNotMatch(JSON.stringify(events[0]), /10\.1\.2\.3|http:/);
  });

  test('a bad token is refused before the stream starts', async () => {
    const { status } = await subscribe(gateway.url, 'subscription { ticks(upTo: 1) { n } }', { authorization: 'Bearer x.y.z' });
    assert.equal(status, 401);
  });
});
