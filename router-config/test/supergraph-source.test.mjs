import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSupergraphSource } from '../supergraph-source.mjs';

const V1 = 'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query } enum join__Graph { A @join__graph(name: "a", url: "http://a") } type Query { a: Int }';
const V2 = V1.replace('a: Int', 'a: Int b: Int');
const quiet = { info() {}, warn() {} };

async function registry(handler) {
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

function lkgFile() {
  return join(mkdtempSync(join(tmpdir(), 'lkg-')), 'supergraph.graphql');
}

test('loads the supergraph, keeps a last-known-good copy and revalidates with the ETag', async () => {
  let body = V1;
  const seen = [];
  const server = await registry((req, res) => {
    seen.push(req.headers['if-none-match'] ?? null);
    const etag = `"${body.length}"`;
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }); res.end(); return; }
    res.writeHead(200, { etag, 'content-type': 'text/plain' }); res.end(body);
  });
  const file = lkgFile();
  const load = createSupergraphSource({ registryUrl: server.url, lastKnownGoodFile: file, log: quiet });
  assert.equal(await load(), V1);
  assert.equal(readFileSync(file, 'utf8'), V1);
  assert.equal(await load(), V1);
  body = V2;
  assert.equal(await load(), V2);
  assert.equal(readFileSync(file, 'utf8'), V2);
  assert.deepEqual(seen, [null, `"${V1.length}"`, `"${V1.length}"`]);
  await server.close();
});

test('keeps serving the supergraph in use when the registry goes down or answers garbage', async () => {
  let mode = 'ok';
  const server = await registry((req, res) => {
    if (mode === 'error') { res.writeHead(500); res.end('boom'); return; }
    res.writeHead(200); res.end(mode === 'garbage' ? '<html>' : V1);
  });
  const load = createSupergraphSource({ registryUrl: server.url, lastKnownGoodFile: lkgFile(), log: quiet });
  assert.equal(await load(), V1);
  mode = 'error';
  assert.equal(await load(), V1);
  mode = 'garbage';
  assert.equal(await load(), V1);
  await server.close();
  assert.equal(await load(), V1);
});

test('starts from the last-known-good copy when the registry is down', async () => {
  const file = lkgFile();
  writeFileSync(file, V2);
  const load = createSupergraphSource({ registryUrl: 'http://127.0.0.1:9', lastKnownGoodFile: file, timeoutMs: 500, log: quiet });
  assert.equal(await load(), V2);
});

test('says what is missing when there is neither a registry nor a copy', async () => {
  const file = lkgFile();
  const load = createSupergraphSource({ registryUrl: 'http://127.0.0.1:9', lastKnownGoodFile: file, timeoutMs: 500, log: quiet });
  await assert.rejects(load(), /schema registry at http:\/\/127\.0\.0\.1:9 is unavailable .* no last-known-good copy/);
  assert.equal(existsSync(file), false);
});

test('sends the router\'s registry token (STOREFRONT_REGISTRY_TOKEN) and names a refused one', async () => {
  const { readSettings } = await import('../settings.mjs');
  const settings = readSettings({ STOREFRONT_REGISTRY_TOKEN: ' router-token ' });
  assert.equal(settings.registryToken, 'router-token');
  assert.equal(readSettings({}).registryToken, undefined);
  const seen = [];
  const server = await registry((req, res) => {
    seen.push(req.headers.authorization ?? null);
    if (req.headers.authorization !== 'Bearer router-token') { res.writeHead(401); res.end(); return; }
    res.writeHead(200); res.end(V1);
  });
  try {
    const load = createSupergraphSource({ registryUrl: server.url, token: settings.registryToken, lastKnownGoodFile: lkgFile(), log: quiet });
    assert.equal(await load(), V1);
    const anonymous = createSupergraphSource({ registryUrl: server.url, lastKnownGoodFile: lkgFile(), log: quiet });
    await assert.rejects(anonymous(), /refused the router's credential \(HTTP 401\).*STOREFRONT_REGISTRY_TOKEN/);
    assert.deepEqual(seen, ['Bearer router-token', null]);
  } finally {
    await server.close();
  }
});
