// The real thing once: the hive-gateway CLI with gateway.config.ts, configured through the
// environment like ./platform does, over a registry, subgraph and JWKS started here. Redis keys
// use the production prefix, so the requests come from a test address and user of their own and
// the keys are deleted afterwards. Traces go to a Zipkin stand-in; the log output is read as JSON lines.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
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
  startZipkin,
} from '../test-support/fixtures.mjs';

const root = new URL('..', import.meta.url).pathname;

async function freePort() {
  const probe = await listen(() => {});
  await probe.close();
  return probe.port;
}

describe('hive-gateway with gateway.config.ts', () => {
  let subgraph, jwks, registry, zipkin, child, base, key, dir;
  let output = '';
  const clientIp = `198.51.100.${randomInt(1, 255)}`;
  const user = `cli-test-${randomUUID()}`;
  const from = { 'x-forwarded-for': clientIp };
  const HELLO = 'query Hello { hello }';
  const DEEP = 'query Deep { whoami { next { next { userId } } } }';
  const registered = new Map([HELLO, DEEP].map((body) => [documentIdOf(body), body]));

  before(async () => {
    subgraph = await startSubgraph();
    zipkin = await startZipkin();
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
        ROUTER_LOG_LEVEL: 'debug',
        // Zipkin's base URL (the router adds /api/v2/spans). Nothing is exported before the
        // router stops: the last test sees the spans the shutdown flushed.
        ROUTER_ZIPKIN_URL: zipkin.url,
        OTEL_BSP_SCHEDULE_DELAY: '600000',
        // The CLI's first lines, written before it reads gateway.config.ts, as JSON too.
        LOG_JSON: '1',
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
    await zipkin?.close();
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

  // A caller's W3C trace context, as the BFFs send it.
  const traceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');
  const traceparent = `00-${traceId}-${callerSpanId}-01`;
  let forwardedParent;

  test('the caller\'s traceparent is continued: the subgraph gets the same trace with a router span as parent', async () => {
    const response = await graphql(base, 'query Traced { whoami { traceparent } }', { headers: { ...from, traceparent } });
    assert.equal(response.status, 200, output);
    const [version, forwardedTrace, parent, flags] = response.body.data.whoami.traceparent.split('-');
    assert.deepEqual([version, forwardedTrace, flags], ['00', traceId, '01']);
    assert.match(parent, /^[0-9a-f]{16}$/);
    assert.notEqual(parent, callerSpanId);
    forwardedParent = parent;
    // Without a traceparent the router starts a trace of its own and still passes it on.
    const fresh = await graphql(base, '{ whoami { traceparent } }', { headers: from });
    assert.match(fresh.body.data.whoami.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    assert.notEqual(fresh.body.data.whoami.traceparent.split('-')[1], traceId);
  });

  test('logs are JSON lines; lines written while serving a request carry its trace_id and span_id', () => {
    const lines = output.split('\n').filter((line) => line.trim());
    assert.ok(lines.length > 0);
    const records = lines.map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        assert.fail(`not a JSON line: ${line}`);
      }
    });
    for (const record of records) assert.ok(record.level && record.timestamp, JSON.stringify(record));
    const traced = records.filter((record) => record.trace_id === traceId);
    assert.ok(traced.length > 0, `no line with trace_id ${traceId}:\n${output}`);
    for (const record of traced) assert.match(record.span_id, /^[0-9a-f]{16}$/);
  });

  test('each operation is one info line with its name, type, duration and error count, in its trace', () => {
    const records = output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    const traced = records.filter((record) => record.msg?.startsWith('operation answered') && record.trace_id === traceId);
    assert.equal(traced.length, 1, output);
    assert.equal(traced[0].level, 'info');
    assert.equal(traced[0].operationName, 'Traced');
    assert.equal(traced[0].operationType, 'query');
    assert.equal(traced[0].errors, 0);
    assert.ok(Number.isInteger(traced[0].durationMs) && traced[0].durationMs >= 0);
  });

  test('spans reach Zipkin as service "router" in the caller\'s trace; stopping the router flushes them', async () => {
    assert.equal(zipkin.spans.length, 0, 'spans left before the router stopped (batch delay 600 s)');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    assert.ok(zipkin.requests.every((line) => line.startsWith('POST /api/v2/spans application/json')), zipkin.requests.join('\n'));
    const spans = zipkin.spans.filter((span) => span.traceId === traceId);
    assert.ok(spans.length > 0, `no span of trace ${traceId}: ${JSON.stringify(zipkin.spans.map((s) => [s.traceId, s.name]))}\n${output}`);
    for (const span of spans) assert.equal(span.localEndpoint.serviceName, 'router');
    const ids = new Set(spans.map((span) => span.id));
    // The router's root span is a child of the caller's span, every other one of a router span.
    const roots = spans.filter((span) => !ids.has(span.parentId));
    assert.deepEqual(roots.map((span) => span.parentId), [callerSpanId], JSON.stringify(spans, null, 1));
    assert.equal(roots[0].kind, 'SERVER');
    // The parent the subgraph was given is the router's span for that subgraph request.
    const fetchSpan = spans.find((span) => span.id === forwardedParent);
    assert.deepEqual([fetchSpan?.name, fetchSpan?.kind], ['http.fetch', 'CLIENT']);
    // The probes (/readiness was polled at start-up) are not traced.
    assert.ok(!zipkin.spans.some((span) => /readiness|healthcheck|metrics/.test(span.name)));
  });
});
