import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SUBGRAPH_SDL, composeSupergraph, graphql, makeKey, sign, startGateway, startJwks, startSubgraph } from '../test-support/fixtures.mjs';

describe('@authenticated and @requiresScopes', () => {
  let subgraph, key, jwks, supergraph, gateway;
  const as = async (claims) => ({ authorization: `Bearer ${await sign(key, claims)}` });

  before(async () => {
    subgraph = await startSubgraph();
    key = await makeKey();
    jwks = await startJwks([key]);
    supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
    gateway = await startGateway({ supergraph, env: { STOREFRONT_JWKS_URL: jwks.jwksUrl } });
  });
  after(async () => {
    await gateway?.close();
    await subgraph?.close();
    await jwks?.close();
  });

  test('the composition library keeps both directives in the supergraph', () => {
    assert.match(supergraph, /@link\(url: "https:\/\/specs\.apollo\.dev\/authenticated\/v0\.1", for: SECURITY\)/);
    assert.match(supergraph, /@link\(url: "https:\/\/specs\.apollo\.dev\/requiresScopes\/v0\.1", for: SECURITY\)/);
    assert.match(supergraph, /\n\s+me: String\b[^\n]*@authenticated\n/);
    assert.match(supergraph, /\n\s+adminReport: String\b[^\n]*@requiresScopes\(scopes: \[\["admin"\]\]\)\n/);
  });

  test('anonymous: protected fields are null with UNAUTHENTICATED, the rest is served', async () => {
    const response = await graphql(gateway.url, '{ hello me adminReport }');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.data, { hello: 'world', me: null, adminReport: null });
    assert.deepEqual(
      response.body.errors.map((e) => [e.path.join('.'), e.extensions.code]),
      [
        ['me', 'UNAUTHENTICATED'],
        ['adminReport', 'UNAUTHENTICATED'],
      ],
    );
  });

  test('anonymous, asking only for protected fields: the same, not an internal error', async () => {
    const response = await graphql(gateway.url, '{ me }');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.data, { me: null });
    assert.deepEqual(response.body.errors.map((e) => e.extensions.code), ['UNAUTHENTICATED']);

    const named = await graphql(gateway.url, 'query Q { adminReport }');
    assert.deepEqual(named.body.data, { adminReport: null });
    assert.deepEqual(named.body.errors.map((e) => e.extensions.code), ['UNAUTHENTICATED']);
  });

  test('signed in without the scope: @authenticated is served, @requiresScopes is FORBIDDEN', async () => {
    const response = await graphql(gateway.url, '{ me adminReport }', { headers: await as({ sub: '8', scope: 'orders' }) });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.data, { me: 'user 8', adminReport: null });
    assert.equal(response.body.errors.length, 1);
    assert.deepEqual(response.body.errors[0].path, ['adminReport']);
    assert.equal(response.body.errors[0].extensions.code, 'FORBIDDEN');
  });

  test('signed in with the scope: everything is served', async () => {
    const response = await graphql(gateway.url, '{ me adminReport }', { headers: await as({ sub: '9', scope: 'orders admin' }) });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { data: { me: 'user 9', adminReport: 'all good' } });
  });

  test('aliases and fragments do not get around the rules', async () => {
    const response = await graphql(gateway.url, '{ x: adminReport ...F } fragment F on Query { y: me }', {
      headers: await as({ sub: '10', scope: '' }),
    });
    assert.deepEqual(response.body.data, { x: null, y: 'user 10' });
    assert.deepEqual(response.body.errors.map((e) => e.extensions.code), ['FORBIDDEN']);
  });
});
