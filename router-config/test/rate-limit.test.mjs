// Needs the Redis the platform uses (127.0.0.1:6379); every key lives under a prefix of its own
// and is deleted afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Redis from 'ioredis';
import {
  SUBGRAPH_SDL,
  composeSupergraph,
  graphql,
  listen,
  makeKey,
  recordingLog,
  sign,
  startGateway,
  startJwks,
  startSubgraph,
} from '../test-support/fixtures.mjs';

const limits = (response) => ({
  status: response.status,
  limit: response.headers.get('ratelimit-limit'),
  remaining: response.headers.get('ratelimit-remaining'),
});

describe('rate limits', () => {
  let subgraph, key, forger, jwks, supergraph, redis;
  const gateways = [];

  before(async () => {
    subgraph = await startSubgraph();
    key = await makeKey('k1');
    forger = await makeKey('k1');
    jwks = await startJwks([key]);
    supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
    redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
  });
  after(async () => {
    for (const gateway of gateways) await gateway.close(); // also deletes its keys
    for (const gateway of gateways) assert.deepEqual(await redis.keys(`${gateway.keyPrefix}*`), []);
    await redis?.quit();
    await subgraph?.close();
    await jwks?.close();
  });

  async function gatewayWith(env, options = {}) {
    const gateway = await startGateway({ supergraph, env: { STOREFRONT_JWKS_URL: jwks.jwksUrl, ...env }, ...options });
    gateways.push(gateway);
    return gateway;
  }

  test('per client address: the request over the limit gets 429 with Retry-After and a typed error', async () => {
    const gateway = await gatewayWith({ ROUTER_RATE_LIMIT_PER_IP: '3', ROUTER_RATE_LIMIT_WINDOW_SECONDS: '30' });
    const from = (ip) => ({ headers: { 'x-forwarded-for': ip } });
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push(await graphql(gateway.url, '{ hello }', from('203.0.113.10')));
    assert.deepEqual(seen.map(limits), [
      { status: 200, limit: '3', remaining: '2' },
      { status: 200, limit: '3', remaining: '1' },
      { status: 200, limit: '3', remaining: '0' },
      { status: 429, limit: '3', remaining: '0' },
    ]);
    const refused = seen[3];
    assert.match(refused.body.errors[0].message, /^Too many requests/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);
    assert.deepEqual(refused.body.errors[0].extensions, { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: retryAfter });
    assert.equal(refused.headers.get('ratelimit-reset'), String(retryAfter));

    // The counter expires with the window (INCR + PEXPIRE on first).
    const ttl = await redis.pttl(`${gateway.keyPrefix}ip:203.0.113.10`);
    assert.ok(ttl > 0 && ttl <= 30_000, `ttl ${ttl}`);

    // Another client (address) has its own budget; probes are never limited.
    assert.equal((await graphql(gateway.url, '{ hello }', from('203.0.113.11'))).status, 200);
    const probe = await fetch(`${gateway.url}/healthcheck`, { headers: { 'x-forwarded-for': '203.0.113.10' } });
    assert.equal(probe.status, 200);
    assert.equal(probe.headers.get('ratelimit-limit'), null);
  });

  test('per user: keyed by the verified subject; a forged token spends no one else\'s budget', async () => {
    const gateway = await gatewayWith({ ROUTER_RATE_LIMIT_PER_USER: '2', ROUTER_RATE_LIMIT_PER_IP: '50' });
    const as = async (signingKey, sub) => ({ headers: { authorization: `Bearer ${await sign(signingKey, { sub })}` } });

    // Someone forging tokens for user "alice" is refused and does not spend alice's budget.
    for (let i = 0; i < 3; i++) assert.equal((await graphql(gateway.url, '{ hello }', await as(forger, 'alice'))).status, 401);

    const alice = [];
    for (let i = 0; i < 3; i++) alice.push(await graphql(gateway.url, '{ hello }', await as(key, 'alice')));
    // The tighter limit is the user's (2), not the address's (50).
    assert.deepEqual(alice.map(limits), [
      { status: 200, limit: '2', remaining: '1' },
      { status: 200, limit: '2', remaining: '0' },
      { status: 429, limit: '2', remaining: '0' },
    ]);
    assert.equal(alice[2].body.errors[0].extensions.code, 'TOO_MANY_REQUESTS');

    // bob shares alice's address but not her budget; anonymous requests see the address limit.
    assert.deepEqual(limits(await graphql(gateway.url, '{ hello }', await as(key, 'bob'))), { status: 200, limit: '2', remaining: '1' });
    const anonymous = await graphql(gateway.url, '{ hello }');
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.headers.get('ratelimit-limit'), '50');
  });

  test('Redis unreachable: requests are served unlimited and the outage is logged once per window', async () => {
    const closed = await listen(() => {});
    const deadPort = closed.port;
    await closed.close();
    const log = recordingLog();
    const gateway = await gatewayWith({ ROUTER_REDIS_URL: `redis://127.0.0.1:${deadPort}`, ROUTER_RATE_LIMIT_PER_IP: '1' }, { log });
    for (let i = 0; i < 3; i++) {
      const response = await graphql(gateway.url, '{ hello }');
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, { data: { hello: 'world' } });
      assert.equal(response.headers.get('ratelimit-limit'), null);
    }
    const warnings = log.warnings.filter((w) => w.includes('Rate limits are not enforced'));
    assert.equal(warnings.length, 1, log.warnings.join('\n'));
  });
});
