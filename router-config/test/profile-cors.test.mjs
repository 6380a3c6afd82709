import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SUBGRAPH_SDL, composeSupergraph, graphql, post, startGateway, startRegistry, startSubgraph } from '../test-support/fixtures.mjs';

const INTROSPECTION = '{ __schema { queryType { name } } }';

async function graphiql(url) {
  const response = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

describe('profiles and CORS', () => {
  let subgraph, registry, production, development;
  const PRODUCTION_INTROSPECTION = [INTROSPECTION, '{ __type(name: "Query") { name } }', '{ hello ... on Query { s: __schema { types { name } } } }'];

  before(async () => {
    subgraph = await startSubgraph();
    // Production takes registered operations only: the introspection documents are registered
    // (the registry accepts them, they validate against any schema) and sent by id.
    registry = await startRegistry([...PRODUCTION_INTROSPECTION, '{ __typename hello }']);
    const supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
    production = await startGateway({ supergraph, env: { STOREFRONT_PROFILE: 'production', STOREFRONT_REGISTRY_URL: registry.url } });
    development = await startGateway({
      supergraph,
      env: { ROUTER_CORS_ORIGINS: 'https://shop.example, http://localhost:3000' },
    });
  });
  after(async () => {
    await production?.close();
    await development?.close();
    await registry?.close();
    await subgraph?.close();
  });

  test('production: introspection is refused with a typed error, __typename still works', async () => {
    for (const query of PRODUCTION_INTROSPECTION) {
      const response = await post(production.url, { documentId: registry.register(query) });
      // A validation error like any other (HTTP 200 for application/json clients, as Yoga does).
      assert.ok([200, 400].includes(response.status), query);
      assert.equal(response.body.data, undefined);
      assert.equal(response.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
      assert.match(response.body.errors[0].message, /introspection/i);
      // As an ad-hoc text it does not get that far: production takes registered operations only.
      const adHoc = await graphql(production.url, query);
      assert.equal(adHoc.status, 400);
      assert.equal(adHoc.body.errors[0].extensions.code, 'PERSISTED_QUERY_ID_REQUIRED');
    }
    const typename = await post(production.url, { documentId: registry.register('{ __typename hello }') });
    assert.deepEqual([typename.status, typename.body], [200, { data: { __typename: 'Query', hello: 'world' } }]);
  });

  test('production: no GraphiQL; development: GraphiQL and introspection', async () => {
    const off = await graphiql(production.url);
    assert.doesNotMatch(off.type, /text\/html/);
    assert.doesNotMatch(off.body, /graphiql/i);

    const on = await graphiql(development.url);
    assert.equal(on.status, 200);
    assert.match(on.type, /text\/html/);
    const introspection = await graphql(development.url, INTROSPECTION);
    assert.deepEqual(introspection.body, { data: { __schema: { queryType: { name: 'Query' } } } });
  });

  const preflight = (url, origin) =>
    fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  test('CORS: an origin on the allow-list may call with credentials, Authorization and Content-Type', async () => {
    const response = await preflight(development.url, 'https://shop.example');
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
    assert.match(response.headers.get('access-control-allow-headers'), /Authorization/);
    assert.match(response.headers.get('access-control-allow-headers'), /Content-Type/);
    assert.match(response.headers.get('vary'), /Origin/);

    const call = await graphql(development.url, '{ hello }', { headers: { origin: 'http://localhost:3000' } });
    assert.equal(call.headers.get('access-control-allow-origin'), 'http://localhost:3000');
    assert.match(call.headers.get('access-control-expose-headers'), /RateLimit-Remaining/);
  });

  test('CORS: any other origin gets no Access-Control-Allow-Origin', async () => {
    for (const origin of ['https://evil.example', 'null', 'https://shop.example.evil.example']) {
      const response = await preflight(development.url, origin);
      assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
      assert.equal(response.headers.get('access-control-allow-credentials'), null, origin);
      const call = await graphql(development.url, '{ hello }', { headers: { origin } });
      assert.equal(call.headers.get('access-control-allow-origin'), null, origin);
    }
    // The default list is not in force when ROUTER_CORS_ORIGINS is set.
    const defaultOrigin = await preflight(development.url, 'http://localhost:8080');
    assert.equal(defaultOrigin.headers.get('access-control-allow-origin'), null);
    const productionDefault = await preflight(production.url, 'http://localhost:8080');
    assert.equal(productionDefault.headers.get('access-control-allow-origin'), 'http://localhost:8080');
  });
});
