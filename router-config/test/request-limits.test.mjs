import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { SUBGRAPH_SDL, composeSupergraph, graphql, startGateway, startSubgraph } from '../test-support/fixtures.mjs';

const MAX_BODY = 2048;

/**
 * Sends `chunks` as a chunked body (no Content-Length). With `end: false` the body never ends:
 * an answer then proves the router decided without waiting for (or buffering) the whole body.
 */
function postChunked(url, chunks, { end = true } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode, headers: res.headers, body: JSON.parse(body) });
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('no answer: the router waited for the end of the body'));
    }, 3000);
    req.on('error', () => {});
    for (const chunk of chunks) req.write(chunk);
    if (end) req.end();
  });
}

async function postRaw(url, body, contentType = 'application/json') {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('request limits', () => {
  let subgraph, gateway;

  before(async () => {
    subgraph = await startSubgraph();
    const supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
    gateway = await startGateway({
      supergraph,
      env: { ROUTER_MAX_BODY_BYTES: String(MAX_BODY), ROUTER_MAX_ALIASES: '30', ROUTER_MAX_DIRECTIVES: '50' },
    });
  });
  after(async () => {
    await gateway?.close();
    await subgraph?.close();
  });

  const padded = (size) => JSON.stringify({ query: `{ hello }${' '.repeat(size)}` });

  test('a body over the limit with Content-Length is refused with 413 before it is read', async () => {
    const response = await postRaw(gateway.url, padded(MAX_BODY));
    assert.equal(response.status, 413);
    assert.equal(response.body.errors[0].extensions.code, 'PAYLOAD_TOO_LARGE');
    // Just under the limit still works.
    const fits = await postRaw(gateway.url, padded(MAX_BODY - 100));
    assert.deepEqual([fits.status, fits.body], [200, { data: { hello: 'world' } }]);
  });

  test('a chunked body without Content-Length is cut off at the limit with 413', async () => {
    const head = '{"query":"{ hello }", "variables": {"pad": "';
    const endless = [head, ...Array.from({ length: 4 }, () => 'x'.repeat(1024))]; // over 2 KiB, never ends
    const response = await postChunked(gateway.url, endless, { end: false });
    assert.equal(response.status, 413);
    assert.equal(response.body.errors[0].extensions.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(response.headers.connection, 'close');

    const small = await postChunked(gateway.url, ['{"query":', '"{ hello }"}']);
    assert.deepEqual([small.status, small.body], [200, { data: { hello: 'world' } }]);
  });

  test('malformed JSON and invalid UTF-8 are 400 BAD_REQUEST, not 5xx', async () => {
    const malformed = await postRaw(gateway.url, '{"query": "{ hello }"');
    assert.equal(malformed.status, 400);
    assert.deepEqual(malformed.body.errors[0].extensions, { code: 'BAD_REQUEST' });

    const invalidUtf8 = Buffer.concat([Buffer.from('{"query":"{ hello } #'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
    const response = await postRaw(gateway.url, invalidUtf8);
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.errors[0].extensions, { code: 'BAD_REQUEST' });
    assert.match(response.body.errors[0].message, /UTF-8/);

    const graphqlBody = await postRaw(gateway.url, Buffer.from([0x7b, 0x20, 0xc0, 0x80, 0x7d]), 'application/graphql');
    assert.ok(graphqlBody.status >= 400 && graphqlBody.status < 500, `status ${graphqlBody.status}`);
  });

  test('more than 30 aliases is a 400 validation failure; 30 are fine', async () => {
    const aliases = (n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: hello`).join(' ')} }`;
    const ok = await graphql(gateway.url, aliases(30));
    assert.equal(ok.status, 200);
    assert.equal(ok.body.data.a29, 'world');

    const bomb = await graphql(gateway.url, aliases(31));
    assert.equal(bomb.status, 400);
    assert.equal(bomb.body.data, undefined);
    assert.equal(bomb.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(bomb.body.errors[0].message, /Aliases limit of 30 exceeded/);
  });

  test('more than 50 directives is a 400 validation failure', async () => {
    const directives = Array.from({ length: 51 }, () => '@include(if: true)').join(' ');
    const response = await graphql(gateway.url, `{ hello ${directives} }`);
    assert.equal(response.status, 400);
    assert.equal(response.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(response.body.errors[0].message, /Directives limit of 50 exceeded/);
  });
});
