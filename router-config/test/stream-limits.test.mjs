// Needs the Redis the platform uses (127.0.0.1:6379); every key lives under a prefix of its own
// and is deleted afterwards.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { createSchema, createYoga } from 'graphql-yoga';
import Redis from 'ioredis';
import { composeSupergraph, deleteKeys, listen, makeKey, quiet, recordingLog, sign, startGateway, startJwks } from '../test-support/fixtures.mjs';
import { readSettings } from '../settings.mjs';
import { STREAM_CAP_MESSAGE, TOKEN_EXPIRED_MESSAGE, createStreamLimiter } from '../stream-limits.mjs';

const ORDERS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@authenticated"])

  type Query {
    hello: String
  }

  type Order {
    id: ID!
    status: String
  }

  type Subscription {
    orderStatusChanged(orderId: ID!): Order @authenticated
    publicTicker: Int
  }
`;

/**
 * An orders subgraph whose streams stay open (a tick every 100 ms) until the router closes them,
 * except for order "final", which ends after its first event. Counts subscriptions started and
 * still open.
 */
async function startOrders() {
  const counts = { started: 0, open: 0 };
  async function* ticks(event) {
    counts.started += 1;
    counts.open += 1;
    try {
      for (let n = 0; ; n++) {
        yield event(n);
        await sleep(100);
      }
    } finally {
      counts.open -= 1;
    }
  }
  const yoga = createYoga({
    logging: false,
    schema: createSchema({
      typeDefs: /* GraphQL */ `
        type Query { hello: String }
        type Order { id: ID! status: String }
        type Subscription { orderStatusChanged(orderId: ID!): Order publicTicker: Int }
      `,
      resolvers: {
        Query: { hello: () => 'world' },
        Subscription: {
          orderStatusChanged: {
            subscribe: async function* (_root, { orderId }) {
              if (orderId === 'final') {
                counts.started += 1;
                yield { orderStatusChanged: { id: orderId, status: 'CONFIRMED' } };
                return;
              }
              yield* ticks(() => ({ orderStatusChanged: { id: orderId, status: 'PENDING' } }));
            },
          },
          publicTicker: { subscribe: () => ticks((n) => ({ publicTicker: n })) },
        },
      },
    }),
  });
  const server = await listen(yoga);
  return { ...server, counts };
}

/** Reads server-sent events from a fetch response body: `next()` resolves to the next data event or null at the end. */
function eventReader(body) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async function next() {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('');
        if (data) return JSON.parse(data);
        continue;
      }
      const { done, value } = await reader.read();
      if (done) return null;
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

/** Opens a subscription over SSE; resolves once the first event is in. */
async function openStream(baseUrl, query, headers = {}) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  });
  const next = eventReader(response.body);
  const first = await next();
  return {
    status: response.status,
    first,
    next,
    close: () => controller.abort(),
  };
}

/** Every event until the stream ends. */
async function rest(stream) {
  const events = [];
  for (let event = await stream.next(); event; event = await stream.next()) events.push(event);
  return events;
}

async function eventually(check, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) assert.fail(`not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

const ORDER_STATUS = 'subscription { orderStatusChanged(orderId: "o-1") { id status } }';

describe('stream limits', { timeout: 30_000 }, () => {
  let orders, key, jwks, supergraph, redis;
  const gateways = [];
  const streams = [];

  before(async () => {
    orders = await startOrders();
    key = await makeKey('k1');
    jwks = await startJwks([key]);
    supergraph = composeSupergraph([{ name: 'orders', sdl: ORDERS_SDL, url: `${orders.url}/graphql` }]);
    redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
  });
  after(async () => {
    for (const stream of streams) stream.close();
    for (const gateway of gateways) await gateway.close();
    for (const gateway of gateways) assert.deepEqual(await redis.keys(`${gateway.keyPrefix}*`), []);
    await redis?.quit();
    await orders?.close();
    await jwks?.close();
  });

  async function gatewayWith(env, options = {}) {
    const gateway = await startGateway({ supergraph, env: { STOREFRONT_JWKS_URL: jwks.jwksUrl, ...env }, ...options });
    gateways.push(gateway);
    return gateway;
  }

  const bearer = async (claims) => ({ authorization: `Bearer ${await sign(key, claims)}` });

  async function open(gateway, query, headers) {
    const stream = await openStream(gateway.url, query, headers);
    streams.push(stream);
    return stream;
  }

  test('the sixth concurrent stream of a user is refused before any subgraph is called; closing one frees its slot', async () => {
    const gateway = await gatewayWith({ ROUTER_MAX_STREAMS_PER_USER: '5' });
    const alice = await bearer({ sub: 'alice' });
    const startedBefore = orders.counts.started;

    const open5 = [];
    for (let i = 0; i < 5; i++) open5.push(await open(gateway, ORDER_STATUS, alice));
    for (const stream of open5) {
      assert.equal(stream.status, 200);
      assert.deepEqual(stream.first, { data: { orderStatusChanged: { id: 'o-1', status: 'PENDING' } } });
    }
    assert.equal(orders.counts.started - startedBefore, 5);

    const sixth = await open(gateway, ORDER_STATUS, alice);
    assert.equal(sixth.status, 429);
    assert.equal(sixth.first.data, undefined);
    assert.deepEqual(sixth.first.errors, [{ message: STREAM_CAP_MESSAGE, extensions: { code: 'TOO_MANY_REQUESTS', maxStreams: 5 } }]);
    assert.equal(await sixth.next(), null, 'the refused stream ends');
    assert.equal(orders.counts.started - startedBefore, 5, 'no subgraph was called for the refused stream');

    // Another user has slots of their own.
    const bob = await open(gateway, ORDER_STATUS, await bearer({ sub: 'bob' }));
    assert.equal(bob.status, 200);

    // The client goes away: the router closes the upstream subscription and frees the slot.
    const openBefore = orders.counts.open;
    open5[0].close();
    await eventually(() => orders.counts.open === openBefore - 1);
    await eventually(async () => (await redis.zcard(`${gateway.keyPrefix}streams:user:alice`)) === 4);
    const again = await open(gateway, ORDER_STATUS, alice);
    assert.equal(again.status, 200);
    assert.equal(again.first.data.orderStatusChanged.status, 'PENDING');

    for (const stream of [...open5, bob, again]) stream.close();
    await eventually(async () => (await redis.exists(`${gateway.keyPrefix}streams:user:alice`)) === 0);
  });

  test('a stream that ends by itself frees its slot', async () => {
    const gateway = await gatewayWith({ ROUTER_MAX_STREAMS_PER_USER: '1' });
    const carol = await bearer({ sub: 'carol' });
    const query = 'subscription { orderStatusChanged(orderId: "final") { status } }';
    for (let i = 0; i < 3; i++) {
      const stream = await open(gateway, query, carol);
      assert.equal(stream.status, 200);
      assert.deepEqual(stream.first, { data: { orderStatusChanged: { status: 'CONFIRMED' } } });
      assert.deepEqual(await rest(stream), []);
      await eventually(async () => (await redis.zcard(`${gateway.keyPrefix}streams:user:carol`)) === 0);
    }
  });

  test('a stream ends when the access token it was opened with expires, and closes the upstream subscription', async () => {
    const gateway = await gatewayWith({});
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const started = Date.now();
    const openBefore = orders.counts.open;
    const stream = await open(gateway, ORDER_STATUS, await bearer({ sub: 'dave', exp: expiresAt }));
    assert.equal(stream.status, 200);

    const events = await rest(stream);
    const elapsed = Date.now() - started;
    assert.ok(elapsed <= 3500, `ended after ${elapsed} ms`);
    assert.ok(Date.now() >= expiresAt * 1000, `ended ${expiresAt * 1000 - Date.now()} ms before exp`);
    assert.ok(events.length >= 2, 'ticks arrived until then');
    assert.deepEqual(events.at(-1), { errors: [{ message: TOKEN_EXPIRED_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } }] });
    await eventually(() => orders.counts.open === openBefore);
    await eventually(async () => (await redis.zcard(`${gateway.keyPrefix}streams:user:dave`)) === 0);
  });

  test('anonymous callers: @authenticated streams are refused without a subgraph call; public ones are capped per address', async () => {
    const gateway = await gatewayWith({ ROUTER_MAX_STREAMS_PER_ADDRESS: '2' });
    const startedBefore = orders.counts.started;
    const anonymous = await open(gateway, ORDER_STATUS);
    assert.equal(anonymous.first.errors[0].extensions.code, 'UNAUTHENTICATED');
    assert.equal(await anonymous.next(), null);
    assert.equal(orders.counts.started, startedBefore);

    const from = (ip) => ({ 'x-forwarded-for': ip });
    const ticker = 'subscription { publicTicker }';
    const first = await open(gateway, ticker, from('203.0.113.20'));
    const second = await open(gateway, ticker, from('203.0.113.20'));
    assert.deepEqual([first.status, second.status], [200, 200]);
    const third = await open(gateway, ticker, from('203.0.113.20'));
    assert.equal(third.status, 429);
    assert.equal(third.first.errors[0].extensions.code, 'TOO_MANY_REQUESTS');
    const elsewhere = await open(gateway, ticker, from('203.0.113.21'));
    assert.equal(elsewhere.status, 200);
    for (const stream of [first, second, elsewhere]) stream.close();
  });

  test('Redis unreachable: streams open uncounted and the outage is logged', async () => {
    const closed = await listen(() => {});
    const deadPort = closed.port;
    await closed.close();
    const log = recordingLog();
    const gateway = await gatewayWith({ ROUTER_REDIS_URL: `redis://127.0.0.1:${deadPort}`, ROUTER_MAX_STREAMS_PER_USER: '1' }, { log });
    const erin = await bearer({ sub: 'erin' });
    const first = await open(gateway, ORDER_STATUS, erin);
    const second = await open(gateway, ORDER_STATUS, erin);
    assert.deepEqual([first.status, second.status], [200, 200]);
    assert.ok(log.warnings.some((w) => w.includes('Stream limits are not enforced')), log.warnings.join('\n'));
    first.close();
    second.close();
  });
});

describe('stream leases in Redis', () => {
  const prefix = `test:router:streams:${randomUUID()}:`;
  const limiters = [];
  const limiter = (options) => {
    const made = createStreamLimiter({ keyPrefix: prefix, log: quiet, ...options });
    limiters.push(made);
    return made;
  };
  after(async () => {
    for (const made of limiters) await made.close();
    await deleteKeys(prefix);
  });

  test('an open stream keeps its lease renewed; a crashed router\'s leases lapse', async () => {
    const crashing = limiter({ leaseMs: 300 });
    const other = limiter({ leaseMs: 300 });
    const held = await crashing.acquire('user:frank', 1);
    assert.equal(held.granted, true);
    await sleep(700); // more than two leases: renewals kept it
    assert.deepEqual(await other.acquire('user:frank', 1), { granted: false, open: 1 });
    const ttl = await other.redis.pttl(`${prefix}user:frank`);
    assert.ok(ttl > 0 && ttl <= 300, `ttl ${ttl}`);

    crashing.redis.disconnect(); // no release, no more renewals
    await sleep(400);
    const taken = await other.acquire('user:frank', 1);
    assert.equal(taken.granted, true);
    taken.release();
    held.release();
  });

  test('release frees the slot at once and only once', async () => {
    const streams = limiter({});
    const first = await streams.acquire('user:grace', 2);
    const second = await streams.acquire('user:grace', 2);
    assert.equal((await streams.acquire('user:grace', 2)).granted, false);
    first.release();
    first.release();
    await eventually(async () => (await streams.redis.zcard(`${prefix}user:grace`)) === 1);
    const third = await streams.acquire('user:grace', 2);
    assert.equal(third.granted, true);
    second.release();
    third.release();
  });
});

test('settings: stream caps', () => {
  const defaults = readSettings({});
  assert.deepEqual([defaults.maxStreamsPerUser, defaults.maxStreamsPerAddress], [5, 20]);
  const set = readSettings({ ROUTER_MAX_STREAMS_PER_USER: '2', ROUTER_MAX_STREAMS_PER_ADDRESS: '7' });
  assert.deepEqual([set.maxStreamsPerUser, set.maxStreamsPerAddress], [2, 7]);
  assert.throws(() => readSettings({ ROUTER_MAX_STREAMS_PER_USER: '0' }), /ROUTER_MAX_STREAMS_PER_USER must be an integer >= 1/);
});
