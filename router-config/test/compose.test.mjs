import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeSupergraph, loadSubgraphs } from '../compose.mjs';

test('the repository subgraph schemas compose into one supergraph', () => {
  const subgraphs = loadSubgraphs();
  const { supergraphSdl, errors } = composeSupergraph(subgraphs);
  assert.equal(errors, undefined, `composition errors: ${errors?.join('\n')}`);
  for (const { name } of subgraphs) {
    assert.match(supergraphSdl, new RegExp(`@join__graph\\(name: "${name}"`));
  }
  assert.match(supergraphSdl, /type Product/);
});

test('a field defined with conflicting types in two subgraphs is rejected with a message', () => {
  const base = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])`;
  const { supergraphSdl, errors } = composeSupergraph([
    { name: 'a', url: 'http://a', typeDefs: `${base} type Query { a: Thing } type Thing @shareable { id: ID! size: Int }` },
    { name: 'b', url: 'http://b', typeDefs: `${base} type Query { b: Thing } type Thing @shareable { id: ID! size: String }` },
  ]);
  assert.equal(supergraphSdl, undefined);
  assert.ok(errors.some((message) => message.includes('Thing.size')), errors.join('\n'));
});

test('a schema that does not parse names its subgraph', () => {
  const { errors } = composeSupergraph([{ name: 'broken', url: 'http://x', typeDefs: 'type Query {' }]);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^\[broken\]/);
});

test('routing URLs can be overridden from the environment', () => {
  const subgraphs = loadSubgraphs(undefined, { STOREFRONT_CATALOG_URL: 'http://catalog.internal/graphql' });
  assert.equal(subgraphs.find((s) => s.name === 'catalog').url, 'http://catalog.internal/graphql');
});
