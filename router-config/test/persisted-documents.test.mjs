// Persisted documents: ids resolved by the schema registry (a stub serving GET /operations/{id}
// here), cached, refused when malformed or unknown; production accepts nothing else; and a
// persisted request passes the same token check, rate limits, body and document limits and
// @authenticated as an ad-hoc one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSchema, createYoga } from 'graphql-yoga';
import { createPersistedDocumentStore } from '../persisted-documents.mjs';
import {
  SUBGRAPH_SDL,
  composeSupergraph,
  documentIdOf,
  listen,
  makeKey,
  post,
  quiet,
  recordingLog,
  sign,
  startGateway,
  startJwks,
  startRegistry,
  startSubgraph,
} from '../test-support/fixtures.mjs';

const HELLO = 'query Hello { hello }';
const WHOAMI = 'query WhoAmI { whoami { userId scopes clientIp } }';
const ME = 'query Me { me hello }';
const REJECTED = 'query Rejected($after: String) { rejected(after: $after) }';
const TYPENAME = 'query Typename { __typename hello }';
const INTROSPECTION = 'query Schema { __schema { queryType { name } } }';
const ALIAS_BOMB = `query Bomb { ${Array.from({ length: 31 }, (_, i) => `a${i}: hello`).join(' ')} }`;
const NEVER_REGISTERED = 'query Unknown { hello whoami { userId } }';

const byId = (id, extra = {}) => ({ documentId: id, ...extra });
const byApqHash = (id, extra = {}) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } }, ...extra });

function assertRefused(response, status, code) {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.body.data, undefined, JSON.stringify(response.body));
  assert.equal(response.body.errors.length, 1);
  assert.equal(response.body.errors[0].extensions.code, code, JSON.stringify(response.body));
  assert.doesNotMatch(JSON.stringify(response.body), /127\.0\.0\.1|localhost|http:\/\//);
}

describe('persisted documents', () => {
  let subgraph, supergraph, jwks, key, registry, development, production;
  const ids = {};

  before(async () => {
    subgraph = await startSubgraph();
    supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
    key = await makeKey();
    jwks = await startJwks([key]);
    registry = await startRegistry();
    for (const [name, body] of Object.entries({ HELLO, WHOAMI, ME, REJECTED, TYPENAME, INTROSPECTION, ALIAS_BOMB })) {
      ids[name] = registry.register(body);
    }
    const env = { STOREFRONT_REGISTRY_URL: registry.url, STOREFRONT_JWKS_URL: jwks.jwksUrl, ROUTER_MAX_BODY_BYTES: '4096' };
    development = await startGateway({ supergraph, env, persistedDocuments: { missTtlMs: 400 } });
    production = await startGateway({ supergraph, env: { ...env, STOREFRONT_PROFILE: 'production' } });
  });
  after(async () => {
    await development?.close();
    await production?.close();
    await registry?.close();
    await jwks?.close();
    await subgraph?.close();
  });

  test('a registered id, as documentId or as an APQ hash, executes the registered document', async () => {
    for (const gateway of [development, production]) {
      for (const payload of [byId(ids.HELLO), byApqHash(ids.HELLO), byId(ids.HELLO, { operationName: 'Hello' })]) {
        const response = await post(gateway.url, payload);
        assert.deepEqual([response.status, response.body], [200, { data: { hello: 'world' } }], JSON.stringify(payload));
      }
      // Variables are the client's, the document is the registry's; subgraph errors pass as usual.
      const rejected = await post(gateway.url, byId(ids.REJECTED, { variables: { after: 'forged' } }));
      assert.equal(rejected.status, 200);
      assert.deepEqual(rejected.body.data, { rejected: null });
      assert.equal(rejected.body.errors[0].extensions.code, 'BAD_USER_INPUT');
    }
  });

  test('found documents are cached: the registry is asked once per id', async () => {
    const body = 'query CachedOnce { hello }';
    const id = registry.register(body);
    const before = registry.hits;
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(production.url, byId(id))));
    for (const response of responses) assert.deepEqual(response.body, { data: { hello: 'world' } });
    for (let i = 0; i < 3; i++) assert.deepEqual((await post(production.url, byApqHash(id))).body, { data: { hello: 'world' } });
    assert.equal(registry.hits - before, 1, 'concurrent lookups share one registry call, later ones hit the cache');
  });

  test('an unknown id is 400 PERSISTED_QUERY_NOT_IN_LIST; the miss is remembered briefly, then a new registration works', async () => {
    const id = documentIdOf(NEVER_REGISTERED);
    for (const gateway of [development, production]) {
      const response = await post(gateway.url, byId(id));
      assertRefused(response, 400, 'PERSISTED_QUERY_NOT_IN_LIST');
      assert.match(response.body.errors[0].message, /registered/);
    }
    const before = registry.hits;
    assertRefused(await post(development.url, byApqHash(id)), 400, 'PERSISTED_QUERY_NOT_IN_LIST');
    assert.equal(registry.hits, before, 'a recent miss does not ask the registry again');

    registry.register(NEVER_REGISTERED);
    await new Promise((resolve) => setTimeout(resolve, 450)); // the development gateway's miss TTL
    const now = await post(development.url, byId(id));
    assert.deepEqual(now.body, { data: { hello: 'world', whoami: { userId: null } } });
    assert.equal(registry.hits, before + 1);
  });

  test('a malformed id is 400 PERSISTED_QUERY_ID_INVALID, without asking the registry', async () => {
    const hash = documentIdOf(HELLO);
    const malformed = [
      'abc',
      hash.toUpperCase(),
      hash.slice(1),
      `${hash}0`,
      ` ${hash}`,
      `web~1.0.0~${hash}`, // Hive's app-deployment ids are not ours
      `../../supergraph#${hash}`,
      `${hash.slice(0, 60)}%2F..`,
      'g'.repeat(64),
    ];
    const before = registry.hits;
    for (const gateway of [development, production]) {
      for (const id of malformed) {
        assertRefused(await post(gateway.url, byId(id)), 400, 'PERSISTED_QUERY_ID_INVALID');
        assertRefused(await post(gateway.url, byApqHash(id)), 400, 'PERSISTED_QUERY_ID_INVALID');
      }
    }
    assert.equal(registry.hits, before);
  });

  test('production refuses ad-hoc query texts with 400 PERSISTED_QUERY_ID_REQUIRED, even registered ones', async () => {
    for (const payload of [
      { query: '{ hello }' },
      { query: HELLO }, // the text of a registered operation: still only by id
      { query: '{ hello }', documentId: ids.HELLO },
      { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: ids.HELLO } } },
      {},
    ]) {
      const response = await post(production.url, payload);
      assertRefused(response, 400, 'PERSISTED_QUERY_ID_REQUIRED');
    }
    // Also for clients asking for the GraphQL-over-HTTP media type, and for GET requests.
    const strict = await post(production.url, { query: '{ hello }' }, { headers: { accept: 'application/graphql-response+json' } });
    assertRefused(strict, 400, 'PERSISTED_QUERY_ID_REQUIRED');
    const get = await fetch(`${production.url}/graphql?query=${encodeURIComponent('{ hello }')}`, { headers: { accept: 'application/json' } });
    assert.equal(get.status, 400);
    assert.equal((await get.json()).errors[0].extensions.code, 'PERSISTED_QUERY_ID_REQUIRED');
  });

  test('development accepts ad-hoc queries (GraphiQL, introspection) and ids', async () => {
    assert.deepEqual((await post(development.url, { query: '{ hello }' })).body, { data: { hello: 'world' } });
    const introspection = await post(development.url, { query: '{ __schema { queryType { name } } }' });
    assert.deepEqual(introspection.body, { data: { __schema: { queryType: { name: 'Query' } } } });
    assert.deepEqual((await post(development.url, byId(ids.INTROSPECTION))).body, introspection.body);
    assert.deepEqual((await post(development.url, byId(ids.HELLO))).body, { data: { hello: 'world' } });
    const empty = await post(development.url, {});
    assertRefused(empty, 400, 'BAD_REQUEST');
  });

  test('GET ?documentId= works too (queries only)', async () => {
    for (const gateway of [development, production]) {
      const response = await fetch(`${gateway.url}/graphql?documentId=${ids.HELLO}`, { headers: { accept: 'application/json' } });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { data: { hello: 'world' } });
    }
  });

  test('production: a registered introspection document is refused by the introspection rule; __typename works', async () => {
    const refused = await post(production.url, byId(ids.INTROSPECTION));
    assert.equal(refused.body.data, undefined);
    assert.equal(refused.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(refused.body.errors[0].message, /introspection/i);
    assert.doesNotMatch(JSON.stringify(refused.body), /"Query"/); // nothing of the schema
    const typename = await post(production.url, byId(ids.TYPENAME));
    assert.deepEqual(typename.body, { data: { __typename: 'Query', hello: 'world' } });
  });

  test('persisted requests pass the token check: a bad token is 401 before the registry is asked', async () => {
    const unknown = documentIdOf('query NotAsked { hello }');
    const before = registry.hits;
    for (const gateway of [development, production]) {
      for (const payload of [byId(ids.HELLO), byApqHash(ids.WHOAMI), byId(unknown)]) {
        const response = await post(gateway.url, payload, { headers: { authorization: 'Bearer not-a-token' } });
        assert.equal(response.status, 401, JSON.stringify(response.body));
        assert.equal(response.body.errors[0].extensions.code, 'UNAUTHENTICATED');
        assert.match(response.headers.get('www-authenticate'), /^Bearer error="invalid_token"/);
      }
      const expired = await sign(key, { exp: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 120 });
      const refused = await post(gateway.url, byId(ids.WHOAMI), { headers: { authorization: `Bearer ${expired}` } });
      assert.equal(refused.status, 401);
    }
    assert.equal(registry.hits, before, 'no registry call for a refused request');
  });

  test('persisted requests carry the verified identity and obey @authenticated', async () => {
    const token = await sign(key, { sub: 'user-9', scope: 'orders' });
    const whoami = await post(production.url, byId(ids.WHOAMI), { headers: { authorization: `Bearer ${token}` } });
    assert.deepEqual(whoami.body.data.whoami, { userId: 'user-9', scopes: 'orders', clientIp: '127.0.0.1' });
    const anonymous = await post(production.url, byId(ids.ME));
    assert.deepEqual(anonymous.body.data, { me: null, hello: 'world' });
    assert.equal(anonymous.body.errors[0].extensions.code, 'UNAUTHENTICATED');
    const signedIn = await post(production.url, byId(ids.ME), { headers: { authorization: `Bearer ${token}` } });
    assert.deepEqual(signedIn.body, { data: { me: 'user user-9', hello: 'world' } });
  });

  test('persisted documents are validated like ad-hoc ones: the alias limit applies', async () => {
    const response = await post(production.url, byId(ids.ALIAS_BOMB));
    assert.equal(response.status, 400);
    assert.equal(response.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(response.body.errors[0].message, /Aliases limit/);
  });

  test('the body limit applies before the id is looked up (413)', async () => {
    const before = registry.hits;
    const unknown = documentIdOf('query TooLarge { hello }');
    const response = await post(production.url, byId(unknown, { variables: { padding: 'x'.repeat(5000) } }));
    assert.equal(response.status, 413);
    assert.equal(response.body.errors[0].extensions.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(registry.hits, before);
  });

  test('rate limits count persisted requests and refuse them (429) before the registry is asked', async () => {
    const limited = await startGateway({
      supergraph,
      env: { STOREFRONT_PROFILE: 'production', STOREFRONT_REGISTRY_URL: registry.url, ROUTER_RATE_LIMIT_PER_IP: '2' },
    });
    try {
      const unknown = documentIdOf('query RateLimited { hello }');
      assert.equal((await post(limited.url, byId(ids.HELLO))).status, 200);
      assert.equal((await post(limited.url, byId(ids.HELLO))).headers.get('ratelimit-remaining'), '0');
      const before = registry.hits;
      const refused = await post(limited.url, byId(unknown));
      assert.equal(refused.status, 429);
      assert.equal(refused.body.errors[0].extensions.code, 'TOO_MANY_REQUESTS');
      assert.equal(registry.hits, before);
    } finally {
      await limited.close();
    }
  });
});

describe('persisted documents when the registry fails', () => {
  let subgraph, supergraph, registry, gateway, log;
  const CACHED = 'query Cached { hello }';
  const UNCACHED = 'query Uncached { hello }';

  before(async () => {
    subgraph = await startSubgraph();
    supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
    registry = await startRegistry([CACHED, UNCACHED]);
    log = recordingLog();
    gateway = await startGateway({
      supergraph,
      env: { STOREFRONT_PROFILE: 'production', STOREFRONT_REGISTRY_URL: registry.url },
      persistedDocuments: { timeoutMs: 300 },
      log,
    });
    assert.deepEqual((await post(gateway.url, byId(documentIdOf(CACHED)))).body, { data: { hello: 'world' } });
  });
  after(async () => {
    await gateway?.close();
    await registry?.close();
    await subgraph?.close();
  });

  async function timed(payload) {
    const started = performance.now();
    const response = await post(gateway.url, payload);
    return { response, ms: performance.now() - started };
  }

  for (const [mode, maxMs] of [
    ['reset', 1000],
    ['error', 1000],
    ['stall', 1500], // the lookup's timeout here is 300 ms (2 s by default)
  ]) {
    test(`registry ${mode}: uncached ids fail quickly with 503 PERSISTED_QUERY_UNAVAILABLE, cached ones work`, async () => {
      registry.mode = mode;
      try {
        const { response, ms } = await timed(byId(documentIdOf(UNCACHED)));
        assertRefused(response, 503, 'PERSISTED_QUERY_UNAVAILABLE');
        assert.ok(ms < maxMs, `answered after ${ms} ms`);
        const cached = await timed(byApqHash(documentIdOf(CACHED)));
        assert.deepEqual(cached.response.body, { data: { hello: 'world' } });
        assert.ok(cached.ms < maxMs);
      } finally {
        registry.mode = 'up';
      }
    });
  }

  test('the failure is logged with the registry address (not shown to clients), and not cached', async () => {
    assert.ok(log.warnings.some((w) => w.includes(registry.url) && w.includes(documentIdOf(UNCACHED))), log.warnings.join('\n'));
    // Back up: the id that failed works at once (a failure is not remembered as a miss).
    assert.deepEqual((await post(gateway.url, byId(documentIdOf(UNCACHED)))).body, { data: { hello: 'world' } });
  });

  test('a document that does not hash to its id is not trusted', async () => {
    const id = documentIdOf('query Honest { hello }');
    registry.serveAs(id, 'query Sneaky { whoami { secret } }');
    assertRefused(await post(gateway.url, byId(id)), 503, 'PERSISTED_QUERY_UNAVAILABLE');
  });

  test('registry gone (connection refused): uncached ids fail quickly, cached ones work', async () => {
    await registry.close();
    const uncached = await timed(byId(documentIdOf('query NeverSeen { hello }')));
    assertRefused(uncached.response, 503, 'PERSISTED_QUERY_UNAVAILABLE');
    assert.ok(uncached.ms < 1000, `answered after ${uncached.ms} ms`);
    for (const id of [documentIdOf(CACHED), documentIdOf(UNCACHED)]) {
      assert.deepEqual((await post(gateway.url, byId(id))).body, { data: { hello: 'world' } });
    }
  });
});

test('a registered mutation runs by POST only: GET is 405 (no cross-site writes through links)', async () => {
  const sdl = 'type Query { hello: String } type Mutation { bump: Int }';
  const subgraph = await listen(
    createYoga({ logging: false, schema: createSchema({ typeDefs: sdl, resolvers: { Mutation: { bump: () => 1 } } }) }),
  );
  const registry = await startRegistry();
  const gateway = await startGateway({
    supergraph: composeSupergraph([
      { name: 'writes', sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: []) ${sdl}`, url: `${subgraph.url}/graphql` },
    ]),
    env: { STOREFRONT_PROFILE: 'production', STOREFRONT_REGISTRY_URL: registry.url },
  });
  try {
    const id = registry.register('mutation Bump { bump }');
    const get = await fetch(`${gateway.url}/graphql?documentId=${id}`, { headers: { accept: 'application/json' } });
    assert.equal(get.status, 405);
    assert.equal((await get.json()).errors[0].extensions.code, 'BAD_REQUEST');
    assert.deepEqual((await post(gateway.url, byId(id))).body, { data: { bump: 1 } });
  } finally {
    await gateway.close();
    await registry.close();
    await subgraph.close();
  }
});

describe('the persisted document store', () => {
  test('keeps at most cacheSize documents, evicting the least recently used', async () => {
    const registry = await startRegistry(['{ a: hello }', '{ b: hello }', '{ c: hello }']);
    try {
      const store = createPersistedDocumentStore({ registryUrl: registry.url, cacheSize: 2, log: quiet });
      const [a, b, c] = ['{ a: hello }', '{ b: hello }', '{ c: hello }'].map(documentIdOf);
      assert.equal(await store.get(a), '{ a: hello }');
      await store.get(b);
      await store.get(a); // a is now the most recently used
      await store.get(c); // evicts b
      assert.equal(store.stats().cached, 2);
      const calls = store.stats().registryCalls;
      await store.get(a);
      await store.get(c);
      assert.equal(store.stats().registryCalls, calls);
      assert.equal(await store.get(b), '{ b: hello }');
      assert.equal(store.stats().registryCalls, calls + 1);
    } finally {
      await registry.close();
    }
  });

  test('sends the router\'s registry token; a refused token is PERSISTED_QUERY_UNAVAILABLE, logged once', async () => {
    const seen = [];
    const server = await listen((req, res) => {
      seen.push(req.headers.authorization ?? null);
      res.writeHead(req.headers.authorization === 'Bearer router-token' ? 404 : 403, { 'content-type': 'application/problem+json' });
      res.end('{}');
    });
    const warnings = [];
    try {
      const id = documentIdOf('{ hello }');
      const store = createPersistedDocumentStore({ registryUrl: server.url, token: 'router-token', log: quiet });
      assert.equal(await store.get(id), null);
      const anonymous = createPersistedDocumentStore({ registryUrl: server.url, log: { warn: (m) => warnings.push(m) } });
      await assert.rejects(anonymous.get(id), (error) => error.extensions.code === 'PERSISTED_QUERY_UNAVAILABLE');
      assert.deepEqual(seen, ['Bearer router-token', null]);
      assert.match(warnings[0], /refused the router's credential \(HTTP 403\)/);
    } finally {
      await server.close();
    }
  });

  test('unknown ids resolve to null and are remembered for missTtlMs, in a bounded cache', async () => {
    const registry = await startRegistry();
    try {
      const store = createPersistedDocumentStore({ registryUrl: registry.url, cacheSize: 2, missTtlMs: 60_000, log: quiet });
      const ids = ['x', 'y', 'z'].map(documentIdOf);
      for (const id of ids) assert.equal(await store.get(id), null);
      assert.equal(store.stats().missing, 2);
      await store.get(ids[2]);
      assert.equal(registry.hits, 3);
      await store.get(ids[0]); // evicted: asked again
      assert.equal(registry.hits, 4);
    } finally {
      await registry.close();
    }
  });
});
