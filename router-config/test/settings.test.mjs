import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSettings } from '../settings.mjs';

test('defaults: the contract values', () => {
  const s = readSettings({});
  assert.equal(s.profile, 'development');
  assert.equal(s.production, false);
  assert.equal(s.jwksUrl, 'http://127.0.0.1:4001/.well-known/jwks.json');
  assert.equal(s.jwtIssuer, 'storefront-accounts');
  assert.equal(s.jwtAudience, 'storefront');
  assert.equal(s.trustedProxies, '127.0.0.1,::1,::ffff:127.0.0.1');
  assert.equal(s.redisUrl, 'redis://127.0.0.1:6379');
  assert.deepEqual(
    [s.rateLimitWindowSeconds, s.rateLimitPerIp, s.rateLimitPerUser, s.maxBodyBytes, s.maxAliases, s.maxDirectives],
    [10, 2000, 300, 1048576, 30, 50],
  );
  assert.deepEqual(s.corsOrigins, ['http://localhost:3000', 'http://localhost:8080', 'http://127.0.0.1:8080']);
  assert.deepEqual([s.maxDepth, s.maxTokens, s.maxCost, s.upstreamTimeoutMs, s.port], [20, 2000, 10000, 30000, 4000]);
  assert.equal(s.persistedDocumentsCacheSize, 10000);
  assert.equal(s.registryUrl, 'http://127.0.0.1:4010');
  assert.equal(s.workers, 1);
});

test('environment overrides', () => {
  const s = readSettings({
    STOREFRONT_PROFILE: 'production',
    STOREFRONT_ROUTER_SHARED_SECRET: 'secret',
    STOREFRONT_REGISTRY_TOKEN: 'token',
    STOREFRONT_JWKS_URL: 'http://accounts:4001/jwks',
    STOREFRONT_JWT_ISSUER: 'iss',
    STOREFRONT_JWT_AUDIENCE: 'aud',
    ROUTER_RATE_LIMIT_PER_USER: '5',
    ROUTER_CORS_ORIGINS: ' https://a.example ,https://b.example,',
    ROUTER_PERSISTED_DOCUMENTS_CACHE_SIZE: '500',
    ROUTER_WORKERS: '4',
  });
  assert.equal(s.workers, 4);
  assert.equal(s.persistedDocumentsCacheSize, 500);
  assert.equal(s.production, true);
  assert.deepEqual([s.jwksUrl, s.jwtIssuer, s.jwtAudience, s.rateLimitPerUser], ['http://accounts:4001/jwks', 'iss', 'aud', 5]);
  assert.deepEqual(s.corsOrigins, ['https://a.example', 'https://b.example']);
});

test('a malformed number stops start-up with the variable named', () => {
  assert.throws(() => readSettings({ ROUTER_RATE_LIMIT_PER_IP: 'lots' }), /ROUTER_RATE_LIMIT_PER_IP must be an integer/);
  assert.throws(() => readSettings({ ROUTER_MAX_BODY_BYTES: '0' }), /ROUTER_MAX_BODY_BYTES/);
  assert.throws(() => readSettings({ ROUTER_PERSISTED_DOCUMENTS_CACHE_SIZE: '0' }), /ROUTER_PERSISTED_DOCUMENTS_CACHE_SIZE/);
  assert.throws(() => readSettings({ ROUTER_WORKERS: '0' }), /ROUTER_WORKERS must be an integer >= 1/);
});

test('the production profile refuses to start without the router secret or the registry token', () => {
  assert.throws(() => readSettings({ STOREFRONT_PROFILE: 'production' }),
    /STOREFRONT_ROUTER_SHARED_SECRET and STOREFRONT_REGISTRY_TOKEN/);
  assert.throws(() => readSettings({ STOREFRONT_PROFILE: 'production', STOREFRONT_ROUTER_SHARED_SECRET: 's' }),
    /needs STOREFRONT_REGISTRY_TOKEN/);
  const s = readSettings({ STOREFRONT_PROFILE: 'production', STOREFRONT_ROUTER_SHARED_SECRET: 's', STOREFRONT_REGISTRY_TOKEN: 't' });
  assert.equal(s.production, true);
});

test('tracing: Zipkin export off by default, every trace sampled; a malformed ratio or URL stops start-up', () => {
  const defaults = readSettings({});
  assert.deepEqual([defaults.zipkinUrl, defaults.traceSampleRatio], [undefined, 1]);
  // Zipkin's base URL gets its span endpoint; a full endpoint is kept.
  assert.equal(readSettings({ ROUTER_ZIPKIN_URL: 'http://127.0.0.1:9411' }).zipkinUrl, 'http://127.0.0.1:9411/api/v2/spans');
  assert.equal(readSettings({ ROUTER_ZIPKIN_URL: 'http://zipkin:9411/api/v2/spans' }).zipkinUrl, 'http://zipkin:9411/api/v2/spans');
  assert.equal(readSettings({ ROUTER_ZIPKIN_URL: ' ' }).zipkinUrl, undefined);
  for (const [raw, value] of [['0', 0], ['0.25', 0.25], ['.5', 0.5], ['1', 1], ['1.0', 1]]) {
    assert.equal(readSettings({ ROUTER_TRACE_SAMPLE_RATIO: raw }).traceSampleRatio, value);
  }
  for (const raw of ['1.5', '-0.1', 'half', '0x1', '1e-1', 'NaN', '50%']) {
    assert.throws(() => readSettings({ ROUTER_TRACE_SAMPLE_RATIO: raw }), /ROUTER_TRACE_SAMPLE_RATIO must be a number between 0 and 1/, raw);
  }
  assert.throws(() => readSettings({ ROUTER_ZIPKIN_URL: '127.0.0.1:9411' }), /ROUTER_ZIPKIN_URL must be an http\(s\) URL/);
});
