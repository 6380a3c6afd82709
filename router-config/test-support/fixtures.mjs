// Test fixtures (outside test/ so node --test does not count this file as a test): a tiny
// federated subgraph, a JWKS server with keys made in the test, and an in-process gateway built
// with the router's own security wiring (security.mjs) over a supergraph composed by
// @theguild/federation-composition, with the Rust query planner like the real router.
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { composeServices } from '@theguild/federation-composition';
import { GraphQLError, parse } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import Redis from 'ioredis';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createSecurity } from '../security.mjs';
import { readSettings } from '../settings.mjs';

export const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A logger that remembers warnings. */
export function recordingLog() {
  const warnings = [];
  return { ...quiet, warnings, warn: (...args) => warnings.push(args.map(String).join(' ')) };
}

export async function listen(handler, port = 0) {
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    server,
    port: server.address().port,
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// The subgraph's contract (what composition sees) ...
export const SUBGRAPH_SDL = /* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@authenticated", "@requiresScopes"])

  type Identity {
    userId: String
    scopes: String
    clientIp: String
    secret: String
    next: Identity
    authorization: String
    headerUserId: String
    headerScopes: String
    traceparent: String
  }

  type Query {
    hello: String
    whoami: Identity
    me: String @authenticated
    adminReport: String @requiresScopes(scopes: [["admin"]])
    slow: String
    rejected(after: String): String
  }

  type Subscription {
    ticks(upTo: Int!): Tick
  }

  type Tick {
    n: Int
    fails: String
  }
`;
// ... and what it executes (federation directives are the router's business).
const EXECUTABLE_SDL = /* GraphQL */ `
  type Identity { userId: String scopes: String clientIp: String secret: String next: Identity authorization: String headerUserId: String headerScopes: String traceparent: String }
  type Query { hello: String whoami: Identity me: String adminReport: String slow: String rejected(after: String): String }
  type Subscription { ticks(upTo: Int!): Tick }
  type Tick { n: Int fails: String }
`;

/**
 * The claims of the access token the router forwarded. A real subgraph verifies it (the router only
 * forwards tokens it verified, which is what these tests check); the stand-in just reads it.
 */
function forwardedClaims(request) {
  const match = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '');
  if (!match) return null;
  return JSON.parse(Buffer.from(match[1].split('.')[1], 'base64url').toString('utf8'));
}

/** A subgraph that reports who the router says is calling, and the headers it receives. */
export async function startSubgraph({ slowMs = 2000 } = {}) {
  const yoga = createYoga({
    logging: false,
    maskedErrors: false,
    schema: createSchema({
      typeDefs: EXECUTABLE_SDL,
      resolvers: {
        Query: {
          hello: () => 'world',
          whoami: (_root, _args, { request }) => ({
            userId: forwardedClaims(request)?.sub ?? null,
            scopes: forwardedClaims(request)?.scope ?? null,
            clientIp: request.headers.get('x-client-ip'),
            secret: request.headers.get('x-storefront-router-secret'),
            authorization: request.headers.get('authorization'),
            headerUserId: request.headers.get('x-user-id'),
            headerScopes: request.headers.get('x-user-scopes'),
            traceparent: request.headers.get('traceparent'),
          }),
          me: (_root, _args, { request }) => `user ${forwardedClaims(request)?.sub}`,
          adminReport: () => 'all good',
          slow: () => new Promise((resolve) => setTimeout(() => resolve('late'), slowMs)),
          rejected: () => {
            throw new GraphQLError('after is not a cursor this service issued', {
              extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
            });
          },
        },
        Subscription: {
          ticks: {
            async *subscribe(_root, { upTo }) {
              for (let n = 1; n <= upTo; n++) yield { ticks: { n } };
            },
          },
        },
        Tick: {
          fails: () => {
            throw new GraphQLError('upstream http://10.1.2.3:4444/graphql hiccup', {
              extensions: { code: 'UPSTREAM_HICCUP', request: { url: 'http://10.1.2.3:4444/graphql' } },
            });
          },
        },
      },
    }),
  });
  return listen(yoga);
}

export function composeSupergraph(services) {
  const result = composeServices(services.map(({ name, sdl, url }) => ({ name, typeDefs: parse(sdl), url })));
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

/** An RS256 key pair with its public JWK (kid, alg, use). */
export async function makeKey(kid = randomUUID()) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
}

/** Serves { keys } from /.well-known/jwks.json; `setKeys` rotates, `hits` counts fetches. */
export async function startJwks(keys) {
  let current = keys;
  let hits = 0;
  const server = await listen((req, res) => {
    hits += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: current.map((k) => k.jwk) }));
  });
  return {
    ...server,
    jwksUrl: `${server.url}/.well-known/jwks.json`,
    setKeys: (next) => {
      current = next;
    },
    get hits() {
      return hits;
    },
  };
}

export const ISSUER = 'storefront-accounts';
export const AUDIENCE = 'storefront';

/** A token as the accounts subgraph issues it; `claims`/`header` override the defaults. */
export function sign(key, claims = {}, header = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: '', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...header })
    .setIssuer(claims.iss ?? ISSUER)
    .setAudience(claims.aud ?? AUDIENCE)
    .setSubject(claims.sub ?? '42')
    .setIssuedAt(claims.iat ?? now)
    .setNotBefore(claims.nbf ?? now)
    .setExpirationTime(claims.exp ?? now + 300)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/**
 * An in-process router: readSettings(env) + createSecurity(), as gateway.config.ts does, over
 * the given supergraph. `keyPrefix` isolates the test's Redis keys.
 */
export async function startGateway({
  supergraph,
  env = {},
  keyPrefix = `test:router:ratelimit:${randomUUID()}:`,
  jwks = { cooldownMs: 0 },
  persistedDocuments,
  log = quiet,
  upstreamTimeout = 30_000,
  streams,
  plugins = [],
}) {
  // The credentials a production router must start with (the stand-in subgraphs take any secret).
  const credentials = { STOREFRONT_ROUTER_SHARED_SECRET: 'test-secret', STOREFRONT_REGISTRY_TOKEN: 'test-registry-token' };
  const settings = readSettings({ ROUTER_RATE_LIMIT_PER_IP: '10000', ROUTER_RATE_LIMIT_PER_USER: '10000', ...credentials, ...env });
  const security = createSecurity(settings, { log, rateLimitKeyPrefix: keyPrefix, jwks, persistedDocuments, streams: { keyPrefix: `${keyPrefix}streams:`, ...streams } });
  const gateway = createGatewayRuntime({
    supergraph,
    unifiedGraphHandler,
    logging: false,
    ...security.config,
    upstreamTimeout,
    transportEntries: { '*.http': { options: { method: 'POST' }, headers: [['x-storefront-router-secret', 'test-secret']] } },
    plugins: (ctx) => [...security.plugins({ ...ctx, log }), ...plugins],
  });
  const server = await listen(gateway);
  return {
    ...server,
    settings,
    keyPrefix,
    gateway,
    documents: security.documents,
    close: async () => {
      await server.close();
      await gateway.dispose();
      await deleteKeys(keyPrefix);
    },
  };
}

/** A Zipkin stand-in: keeps the spans POSTed to /api/v2/spans (Zipkin's JSON v2) and every request's line. */
export async function startZipkin() {
  const spans = [];
  const requests = [];
  const server = await listen((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      if (req.method === 'POST' && req.url === '/api/v2/spans') spans.push(...JSON.parse(body));
      res.writeHead(202);
      res.end();
    });
  });
  return { ...server, spans, requests };
}

/** Deletes the rate-limit counters a test gateway left in the local Redis. */
export async function deleteKeys(prefix) {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  redis.on('error', () => {});
  try {
    await redis.connect();
    const keys = [];
    for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 100 })) keys.push(...batch);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  } catch {
    redis.disconnect(); // no Redis: nothing was stored either
  }
}

/** A persisted document's id: the SHA-256 of its text, as the registry computes it. */
export const documentIdOf = (body) => createHash('sha256').update(body).digest('hex');

/**
 * A schema registry serving `GET /operations/{id}` like the real one (the ClientOperation JSON,
 * 404 problem details for unknown ids). `register(body)` adds a document and returns its id;
 * `mode` switches to 'stall' (accepts the connection, never answers), 'error' (HTTP 500) or
 * 'reset' (drops the connection); `hits` counts the requests it received.
 */
export async function startRegistry(bodies = []) {
  const documents = new Map();
  let hits = 0;
  let mode = 'up';
  const server = await listen((req, res) => {
    hits += 1;
    if (mode === 'stall') return;
    if (mode === 'reset') {
      req.socket.destroy();
      return;
    }
    if (mode === 'error') {
      res.writeHead(500, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ status: 500, title: 'Internal Server Error', instance: req.url }));
      return;
    }
    const match = /^\/operations\/([^/?]+)$/.exec(req.url);
    const body = match && documents.get(match[1]);
    if (!body) {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ status: 404, title: 'Not Found', detail: `no registered operation ${match?.[1]}`, instance: req.url }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ client: 'web', clientVersion: '1.0.0', id: match[1], name: null, type: 'query', body }));
  });
  const registry = {
    ...server,
    register(body) {
      const id = documentIdOf(body);
      documents.set(id, body);
      return id;
    },
    /** Serves `body` under `id` whatever its hash (a registry bug the router must not trust). */
    serveAs(id, body) {
      documents.set(id, body);
    },
    get hits() {
      return hits;
    },
    get mode() {
      return mode;
    },
    set mode(next) {
      mode = next;
    },
  };
  for (const body of bodies) registry.register(body);
  return registry;
}

/** POSTs a GraphQL request body as given (e.g. `{ documentId, variables }`); resolves like graphql(). */
export async function post(baseUrl, payload, { headers = {} } = {}) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}

/** POSTs a GraphQL request; resolves to { status, headers, body }. */
export function graphql(baseUrl, query, { headers = {}, variables } = {}) {
  return post(baseUrl, { query, variables }, { headers });
}
