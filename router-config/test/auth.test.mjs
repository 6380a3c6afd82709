import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT, exportSPKI } from 'jose';
import { createJwksKeyStore } from '../auth.mjs';
import {
  SUBGRAPH_SDL,
  composeSupergraph,
  graphql,
  makeKey,
  quiet,
  sign,
  startGateway,
  startJwks,
  startSubgraph,
} from '../test-support/fixtures.mjs';

const WHOAMI = '{ whoami { userId scopes clientIp secret } }';
const FORWARDED = '{ whoami { userId scopes clientIp secret authorization headerUserId headerScopes } }';
const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function assertRefused(response, message = /access token/) {
  assert.equal(response.status, 401, JSON.stringify(response.body));
  assert.deepEqual(Object.keys(response.body), ['errors']);
  assert.equal(response.body.errors.length, 1);
  assert.equal(response.body.errors[0].extensions.code, 'UNAUTHENTICATED');
  assert.match(response.body.errors[0].message, message);
  assert.match(response.headers.get('www-authenticate'), /^Bearer error="invalid_token"/);
}

describe('access tokens', () => {
  let subgraph, key, otherKey, jwks, gateway;
  const bearer = (token) => ({ authorization: `Bearer ${token}` });

  before(async () => {
    subgraph = await startSubgraph();
    key = await makeKey('key-1');
    otherKey = await makeKey('key-1'); // same kid, different key: a forged signature
    jwks = await startJwks([key]);
    const supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
    gateway = await startGateway({ supergraph, env: { STOREFRONT_JWKS_URL: jwks.jwksUrl } });
  });
  after(async () => {
    await gateway?.close();
    await subgraph?.close();
    await jwks?.close();
  });

  test('a verified token is forwarded to subgraphs as it came, with x-client-ip; client identity headers are dropped', async () => {
    const token = await sign(key, { sub: 'user-7', scope: 'admin orders' });
    const response = await graphql(gateway.url, FORWARDED, {
      headers: { ...bearer(token), 'x-user-id': 'someone-else', 'x-user-scopes': 'admin', 'x-client-ip': '6.6.6.6' },
    });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.data.whoami, {
      userId: 'user-7',
      scopes: 'admin orders',
      clientIp: '127.0.0.1',
      secret: 'test-secret',
      authorization: `Bearer ${token}`,
      headerUserId: null,
      headerScopes: null,
    });
  });

  test('without a token the request is anonymous: no authorization and no forged identity headers pass', async () => {
    const response = await graphql(gateway.url, FORWARDED, {
      headers: { 'x-user-id': 'someone-else', 'x-user-scopes': 'admin', 'x-client-ip': '6.6.6.6' },
    });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.data.whoami, {
      userId: null,
      scopes: null,
      clientIp: '127.0.0.1',
      secret: 'test-secret',
      authorization: null,
      headerUserId: null,
      headerScopes: null,
    });
  });

  test('the client address comes from X-Forwarded-For only behind a trusted proxy (here: loopback)', async () => {
    const response = await graphql(gateway.url, WHOAMI, {
      headers: { 'x-forwarded-for': '10.9.9.9, 203.0.113.7, 127.0.0.1' },
    });
    assert.equal(response.body.data.whoami.clientIp, '203.0.113.7');
  });

  const now = () => Math.floor(Date.now() / 1000);
  const cases = {
    expired: async () => sign(key, { exp: now() - 60, iat: now() - 360, nbf: now() - 360 }),
    'not yet valid': async () => sign(key, { nbf: now() + 600, exp: now() + 900 }),
    'alg none': async () =>
      `${b64url({ alg: 'none', kid: key.kid, typ: 'JWT' })}.${b64url({ iss: 'storefront-accounts', aud: 'storefront', sub: '1', scope: 'admin', exp: now() + 300 })}.`,
    'HS256 signed with the public key': async () =>
      new SignJWT({ scope: 'admin' })
        .setProtectedHeader({ alg: 'HS256', kid: key.kid })
        .setIssuer('storefront-accounts')
        .setAudience('storefront')
        .setSubject('1')
        .setExpirationTime(now() + 300)
        .sign(new TextEncoder().encode(await exportSPKI(key.publicKey))),
    'wrong issuer': async () => sign(key, { iss: 'someone-else' }),
    'wrong audience': async () => sign(key, { aud: 'another-api' }),
    'bad signature': async () => sign(otherKey),
    'tampered payload': async () => {
      const [header, , signature] = (await sign(key, { sub: '1' })).split('.');
      return `${header}.${b64url({ iss: 'storefront-accounts', aud: 'storefront', sub: '2', scope: 'admin', exp: now() + 300 })}.${signature}`;
    },
    garbage: async () => 'not-a-jwt',
    'unknown kid': async () => sign(await makeKey('never-published')),
  };
  for (const [name, token] of Object.entries(cases)) {
    test(`a token that does not verify is refused with 401: ${name}`, async () => {
      const response = await graphql(gateway.url, WHOAMI, { headers: bearer(await token()) });
      assertRefused(response, name === 'expired' ? /expired/ : /invalid/);
    });
  }

  test('an Authorization header that is not a bearer token is refused', async () => {
    assertRefused(await graphql(gateway.url, WHOAMI, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }));
    assertRefused(await graphql(gateway.url, WHOAMI, { headers: { authorization: 'Bearer' } }));
  });

  test('probes stay reachable whatever the Authorization header says', async () => {
    const response = await fetch(`${gateway.url}/healthcheck`, { headers: { authorization: 'Bearer garbage' } });
    assert.equal(response.status, 200);
  });
});

describe('key rotation', () => {
  let subgraph, oldKey, newKey, jwks, gateway;

  before(async () => {
    subgraph = await startSubgraph();
    oldKey = await makeKey('2024-old');
    newKey = await makeKey('2025-new');
    jwks = await startJwks([oldKey]);
    const supergraph = composeSupergraph([{ name: 'shop', sdl: SUBGRAPH_SDL, url: `${subgraph.url}/graphql` }]);
    gateway = await startGateway({
      supergraph,
      env: { STOREFRONT_JWKS_URL: jwks.jwksUrl },
      jwks: { cooldownMs: 300 },
    });
  });
  after(async () => {
    await gateway?.close();
    await subgraph?.close();
    await jwks?.close();
  });

  test('a token with a kid the router has not seen makes it refetch the JWKS (rate-limited)', async () => {
    const ask = async (key, sub) =>
      graphql(gateway.url, '{ whoami { userId } }', { headers: { authorization: `Bearer ${await sign(key, { sub })}` } });

    assert.equal((await ask(oldKey, 'a')).body.data.whoami.userId, 'a');
    assert.equal(jwks.hits, 1);

    // Accounts rotates: the JWKS holds the old and the new key, new tokens use the new key.
    jwks.setKeys([oldKey, newKey]);
    await new Promise((resolve) => setTimeout(resolve, 350)); // past the refetch cooldown
    const rotated = await ask(newKey, 'b');
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    assert.equal(rotated.body.data.whoami.userId, 'b');
    assert.equal(jwks.hits, 2);
    assert.equal((await ask(oldKey, 'c')).body.data.whoami.userId, 'c');
    assert.equal(jwks.hits, 2, 'known kids are served from the cache');

    // Made-up kids: one refetch per cooldown, however many tokens arrive.
    await new Promise((resolve) => setTimeout(resolve, 350));
    const stranger = await makeKey('made-up');
    const refused = await Promise.all([ask(stranger, 'x'), ask(stranger, 'y'), ask(stranger, 'z')]);
    for (const response of refused) assertRefused(response);
    assertRefused(await ask(stranger, 'w'));
    assert.equal(jwks.hits, 3);
  });
});

describe('JWKS key store', () => {
  test('keeps the keys it has when a refresh fails, and refreshes stale keys', async () => {
    const key = await makeKey('k');
    let calls = 0;
    let fail = false;
    const fetch = async () => {
      calls += 1;
      if (fail) throw new Error('connection refused');
      return new Response(JSON.stringify({ keys: [key.jwk] }), { status: 200 });
    };
    const getKey = createJwksKeyStore({ url: 'http://jwks.test/keys', fetch, cooldownMs: 0, maxAgeMs: 50, log: quiet });
    const header = { alg: 'RS256', kid: 'k' };
    assert.ok(await getKey(header));
    assert.equal(calls, 1);
    fail = true;
    await new Promise((resolve) => setTimeout(resolve, 60)); // stale: refreshed in the background
    assert.ok(await getKey(header), 'the known key still verifies');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(calls, 2);
    await assert.rejects(getKey({ alg: 'RS256', kid: 'unknown' }));
    assert.ok(await getKey(header));
  });

  test('without any key (accounts unreachable at first use) verification fails instead of hanging', async () => {
    const fetch = async () => {
      throw new Error('connection refused');
    };
    const getKey = createJwksKeyStore({ url: 'http://jwks.test/keys', fetch, cooldownMs: 60_000, log: quiet });
    await assert.rejects(getKey({ alg: 'RS256', kid: 'k' }), { code: 'JWKS_UNAVAILABLE' });
    await assert.rejects(getKey({ alg: 'RS256', kid: 'k' }), { code: 'JWKS_UNAVAILABLE' });
    assert.equal(getKey.fetches, 1, 'the second attempt waits for the cooldown');
  });
});
