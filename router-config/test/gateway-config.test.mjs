// The real thing once: the hive-gateway CLI with gateway.config.ts, configured through the
// environment like ./platform does, over a registry, subgraph and JWKS started here. Redis keys
// use the production prefix, so the requests come from a test address and user of their own and
// the keys are deleted afterwards.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Redis from 'ioredis';
import {
  SUBGRAPH_SDL,
  composeSupergraph,
  documentIdOf,
  graphql,
  listen,
  makeKey,
  post,
  sign,
  startJwks,
  startSubgraph,
} from '../test-support/fixtures.mjs';

const root = new URL('..', import.meta.url).pathname;

async function freePort() {
  const probe = await listen(() => {});
  await probe.close();
  return probe.port;
}

describe('hive-gateway with gateway.config.ts', () => {
  let subgraph, jwks, registry, child, base, key, dir;
  let output = '';
  const clientIp = `198.51.100.${randomInt(1, 255)}`;
  const user = `cli-test-${randomUUID()}`;
  const from = { 'x-forwarded-for': clientIp };
  const HELLO = 'query Hello { hello }';
  const DEEP = 'query Deep { whoami { next { next { userId } } } }';
  const registered = new Map([HELLO, DEEP].map((body) => [documentIdOf(body), body]));

  before(async () => {
    subgraph = await startSubgraph();
    key = await makeKey();
    jwks = await startJwks([key]);
    const supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
    registry = await listen((req, res) => {
      if (req.url.startsWith('/operations/')) {
        const id = req.url.slice('/operations/'.length);
        const body = registered.get(id);
        res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body ? { client: 'web', clientVersion: '1', id, name: null, type: 'query', body } : { status: 404 }));
        return;
      }
      res.writeHead(200, { etag: '"1"', 'content-type': 'text/plain' });
      res.end(supergraph);
    });
    dir = mkdtempSync(join(tmpdir(), 'router-config-test-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(root, 'node_modules/.bin/hive-gateway'), 'supergraph'], {
      cwd: root,
      env: {
        ...process.env,
        ROUTER_PORT: String(port),
        STOREFRONT_REGISTRY_URL: registry.url,
        ROUTER_LAST_KNOWN_GOOD: join(dir, 'last-known-good.graphql'),
        STOREFRONT_JWKS_URL: jwks.jwksUrl,
        STOREFRONT_ROUTER_SHARED_SECRET: 'cli-secret',
        ROUTER_MAX_DEPTH: '3',
        ROUTER_LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the router exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the router did not become ready:\n${output}`);
      const ready = await fetch(`${base}/readiness`).then((r) => r.ok, () => false);
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await subgraph?.close();
    await jwks?.close();
    await registry?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    await redis.del(`router:ratelimit:ip:${clientIp}`, `router:ratelimit:user:${user}`);
    await redis.quit();
  });

  test('a verified user reaches the subgraph with their own token, the client address and the shared secret', async () => {
    const token = await sign(key, { sub: user, scope: 'admin' });
    const response = await graphql(base, '{ whoami { userId scopes clientIp secret authorization headerUserId } }', {
      headers: { ...from, authorization: `Bearer ${token}`, 'x-user-id': 'forged' },
    });
    assert.equal(response.status, 200, output);
    assert.deepEqual(response.body.data.whoami, {
      userId: user,
      scopes: 'admin',
      clientIp,
      secret: 'cli-secret',
      authorization: `Bearer ${token}`,
      headerUserId: null,
    });
    assert.equal(response.headers.get('ratelimit-limit'), '300');
    assert.equal(response.headers.get('ratelimit-remaining'), '299');
  });

  test('a bad token is a 401; denied fields carry UNAUTHENTICATED', async () => {
    const refused = await graphql(base, '{ hello }', { headers: { ...from, authorization: 'Bearer nope' } });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.errors[0].extensions.code, 'UNAUTHENTICATED');
    const anonymous = await graphql(base, '{ me }', { headers: from });
    assert.deepEqual(anonymous.body.data, { me: null });
    assert.equal(anonymous.body.errors[0].extensions.code, 'UNAUTHENTICATED');
    assert.equal(anonymous.headers.get('ratelimit-limit'), '2000');
  });

  test('document limits: the CLI\'s depth limit and the alias limit', async () => {
    const deep = await graphql(base, '{ whoami { next { next { userId } } } }', { headers: from });
    assert.match(deep.body.errors[0].message, /depth limit of 3/i);
    assert.equal(deep.status, 400);
    assert.equal(deep.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: hello`).join(' ')} }`;
    const bomb = await graphql(base, aliases, { headers: from });
    assert.equal(bomb.status, 400);
    assert.match(bomb.body.errors[0].message, /Aliases limit/);
  });

  test('persisted documents from the registry: a registered id executes, an unknown one is refused', async () => {
    const registered = await post(base, { documentId: documentIdOf(HELLO) }, { headers: from });
    assert.deepEqual([registered.status, registered.body], [200, { data: { hello: 'world' } }]);
    const unknown = await post(base, { documentId: documentIdOf('{ hello }') }, { headers: from });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].extensions.code, 'PERSISTED_QUERY_NOT_IN_LIST');
    // Registered or not, a document gets the same limits (here the CLI's depth limit).
    const deep = await post(base, { documentId: documentIdOf(DEEP) }, { headers: from });
    assert.equal(deep.status, 400);
    assert.match(deep.body.errors[0].message, /depth limit of 3/i);
    // The development profile (the default) still takes query texts.
    assert.deepEqual((await graphql(base, '{ hello }', { headers: from })).body, { data: { hello: 'world' } });
  });

  test('no WebSocket endpoint: subscriptions go through HTTP (SSE) and its checks', async () => {
    const upgraded = await new Promise((resolve, reject) => {
      const req = httpRequest(`${base}/graphql`, {
        headers: {
          ...from,
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': Buffer.from(randomUUID().slice(0, 16)).toString('base64'),
          'sec-websocket-protocol': 'graphql-transport-ws',
        },
      });
      req.on('upgrade', (_res, socket) => {
        socket.destroy();
        resolve(true);
      });
      req.on('response', (res) => {
        res.resume();
        resolve(false);
      });
      req.on('error', (error) => (error.code === 'ECONNRESET' ? resolve(false) : reject(error)));
      req.setTimeout(3000, () => {
        req.destroy();
        resolve(false);
      });
      req.end();
    });
    assert.equal(upgraded, false);
  });
});
