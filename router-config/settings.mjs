// Every environment variable the router reads, with its default (README.md explains each).
// A malformed number stops the router at start-up rather than turning a limit into NaN.
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEFAULT_JWKS_URL } from './auth.mjs';
import { DEFAULT_MAX_BODY_BYTES } from './body-limit.mjs';
import { DEFAULT_TRUSTED_PROXIES } from './client-address.mjs';
import { DEFAULT_CACHE_SIZE as DEFAULT_PERSISTED_DOCUMENTS_CACHE_SIZE } from './persisted-documents.mjs';
import { DEFAULT_MAX_STREAMS_PER_ADDRESS, DEFAULT_MAX_STREAMS_PER_USER } from './stream-limits.mjs';

export const DEFAULT_CORS_ORIGINS = 'http://localhost:3000,http://localhost:8080,http://127.0.0.1:8080';

function integer(env, name, fallback, min = 0) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

/** A fraction in [0, 1] written as a plain decimal ("1", "0.25", ".1"). */
function ratio(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 0 && value <= 1)) throw new Error(`${name} must be a number between 0 and 1, got "${raw}"`);
  return value;
}

/** Zipkin's span endpoint: the URL as given, or `/api/v2/spans` on a URL without a path. */
function zipkinEndpoint(env, name) {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  if (url.pathname === '/') url.pathname = '/api/v2/spans';
  return url.href;
}

const list = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);

// Production starts only with the credentials a router needs inside a zero-trust network: the
// subgraphs refuse it without the shared secret, and the registry serves it nothing without its token.
const PRODUCTION_CREDENTIALS = ['STOREFRONT_ROUTER_SHARED_SECRET', 'STOREFRONT_REGISTRY_TOKEN'];

export function readSettings(env = process.env) {
  const profile = env.STOREFRONT_PROFILE?.trim() || 'development';
  if (profile === 'production') {
    const missing = PRODUCTION_CREDENTIALS.filter((name) => !env[name]?.trim());
    if (missing.length) throw new Error(`the production profile needs ${missing.join(' and ')} (not set)`);
  }
  return {
    profile,
    production: profile === 'production',
    host: env.ROUTER_HOST ?? '127.0.0.1',
    port: integer(env, 'ROUTER_PORT', 4000, 1),
    // Gateway processes sharing the port (Node's cluster): one per core the router may use.
    workers: integer(env, 'ROUTER_WORKERS', 1, 1),
    registryUrl: env.STOREFRONT_REGISTRY_URL ?? 'http://127.0.0.1:4010',
    // The router's registry credential, sent when fetching the supergraph and persisted documents.
    registryToken: env.STOREFRONT_REGISTRY_TOKEN?.trim() || undefined,
    lastKnownGoodFile: env.ROUTER_LAST_KNOWN_GOOD ?? './last-known-good.supergraph.graphql',
    pollingIntervalMs: integer(env, 'ROUTER_POLLING_INTERVAL_MS', 10_000),
    routerSecret: env.STOREFRONT_ROUTER_SHARED_SECRET || undefined,
    upstreamTimeoutMs: integer(env, 'ROUTER_UPSTREAM_TIMEOUT_MS', 30_000, 1),
    logLevel: env.ROUTER_LOG_LEVEL ?? 'info',
    // Traces (observability.mjs): exported to Zipkin only when a URL is set; the caller's
    // traceparent reaches the subgraphs either way.
    zipkinUrl: zipkinEndpoint(env, 'ROUTER_ZIPKIN_URL'),
    traceSampleRatio: ratio(env, 'ROUTER_TRACE_SAMPLE_RATIO', 1),
    // Persisted documents (from the registry at registryUrl)
    persistedDocumentsCacheSize: integer(env, 'ROUTER_PERSISTED_DOCUMENTS_CACHE_SIZE', DEFAULT_PERSISTED_DOCUMENTS_CACHE_SIZE, 1),
    // Document limits
    maxDepth: integer(env, 'ROUTER_MAX_DEPTH', 20, 1),
    maxTokens: integer(env, 'ROUTER_MAX_TOKENS', 2000, 1),
    maxCost: integer(env, 'ROUTER_MAX_COST', 10_000, 1),
    maxAliases: integer(env, 'ROUTER_MAX_ALIASES', 30),
    maxDirectives: integer(env, 'ROUTER_MAX_DIRECTIVES', 50),
    maxBodyBytes: integer(env, 'ROUTER_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1),
    // Identity
    jwksUrl: env.STOREFRONT_JWKS_URL || DEFAULT_JWKS_URL,
    jwtIssuer: env.STOREFRONT_JWT_ISSUER || DEFAULT_ISSUER,
    jwtAudience: env.STOREFRONT_JWT_AUDIENCE || DEFAULT_AUDIENCE,
    trustedProxies: env.ROUTER_TRUSTED_PROXIES ?? DEFAULT_TRUSTED_PROXIES,
    // Rate limits
    redisUrl: env.ROUTER_REDIS_URL || 'redis://127.0.0.1:6379',
    rateLimitWindowSeconds: integer(env, 'ROUTER_RATE_LIMIT_WINDOW_SECONDS', 10, 1),
    rateLimitPerIp: integer(env, 'ROUTER_RATE_LIMIT_PER_IP', 2000, 1),
    rateLimitPerUser: integer(env, 'ROUTER_RATE_LIMIT_PER_USER', 300, 1),
    // Concurrent subscriptions (stream-limits.mjs)
    maxStreamsPerUser: integer(env, 'ROUTER_MAX_STREAMS_PER_USER', DEFAULT_MAX_STREAMS_PER_USER, 1),
    maxStreamsPerAddress: integer(env, 'ROUTER_MAX_STREAMS_PER_ADDRESS', DEFAULT_MAX_STREAMS_PER_ADDRESS, 1),
    // Browsers
    corsOrigins: list(env.ROUTER_CORS_ORIGINS ?? DEFAULT_CORS_ORIGINS),
  };
}
