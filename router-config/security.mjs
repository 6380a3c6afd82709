// Puts the router's security pieces together from the settings: identity (auth.mjs), client
// address (client-address.mjs), rate limits (rate-limit.mjs), body limit (body-limit.mjs),
// document limits, error hygiene, CORS, persisted documents (persisted-documents.mjs) and the
// production profile. gateway.config.ts spreads `config` into the gateway config and uses
// `plugins`; the tests build an in-process gateway from the same function, so they exercise the
// wiring the router runs with.
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { createAuthenticator, genericAuthOptions, useAuthentication, useEmptyOperationGuard } from './auth.mjs';
import { useBodyLimit } from './body-limit.mjs';
import { createClientAddressResolver } from './client-address.mjs';
import { corsOptions } from './cors.mjs';
import { useErrorCodes } from './error-codes.mjs';
import { useErrorHygiene } from './error-hygiene.mjs';
import { createPersistedDocumentStore, persistedDocumentsOptions } from './persisted-documents.mjs';
import { createRateLimiter, useRateLimit } from './rate-limit.mjs';
import { createStreamLimiter, useStreamLimits } from './stream-limits.mjs';

// The platform's probes and Prometheus: no tokens, no limits.
export const PLATFORM_PATHS = ['/healthcheck', '/readiness', '/metrics'];

/** The token of a request whose bearer token the authenticator verified (same pattern). */
function verifiedBearerToken(request) {
  const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i.exec(request.headers.get('authorization')?.trim() ?? '');
  return match?.[1];
}

/**
 * @param settings from readSettings()
 * @param options.log a logger (default: the gateway's, once it hands it to the plugins)
 * @param options.rateLimitKeyPrefix Redis key prefix (tests use their own)
 * @param options.jwks options for the JWKS key store (cooldownMs, maxAgeMs, timeoutMs)
 * @param options.persistedDocuments options for the persisted document store (missTtlMs, timeoutMs)
 * @param options.streams options for the stream limiter (keyPrefix, leaseMs)
 */
export function createSecurity(settings, { log, rateLimitKeyPrefix, jwks, persistedDocuments, streams } = {}) {
  let logger = log ?? console;
  const logProxy = {
    debug: (...args) => logger.debug?.(...args),
    info: (...args) => logger.info?.(...args),
    warn: (...args) => logger.warn?.(...args),
  };

  const clientAddress = createClientAddressResolver({ trustedProxies: settings.trustedProxies });
  const authenticator = createAuthenticator({
    jwksUrl: settings.jwksUrl,
    issuer: settings.jwtIssuer,
    audience: settings.jwtAudience,
    jwks,
    log: logProxy,
  });
  const documents = createPersistedDocumentStore({
    registryUrl: settings.registryUrl,
    token: settings.registryToken,
    cacheSize: settings.persistedDocumentsCacheSize,
    log: logProxy,
    ...persistedDocuments,
  });

  const config = {
    cors: corsOptions(settings.corsOrigins),
    // Production: the schema is not browsable (no introspection; `__typename` still works, it is
    // part of ordinary queries) and there is no GraphiQL or landing page.
    disableIntrospection: settings.production,
    graphiql: !settings.production,
    landingPage: !settings.production,
    // Registered operations by id (`documentId`, or APQ's `extensions.persistedQuery.sha256Hash`),
    // resolved by the schema registry. Production accepts nothing else; development also takes
    // ad-hoc query texts (GraphiQL). The gateway runs this plugin in onParams, after every
    // onRequest/onRequestParse hook below (token check, rate limits, body limit): a refused request
    // never reaches the registry. The resolved text is then parsed and validated like any query
    // (depth, tokens, aliases, directives, introspection, cost, @authenticated/@requiresScopes).
    persistedDocuments: persistedDocumentsOptions({ store: documents, production: settings.production }),
    genericAuth: genericAuthOptions(authenticator),
    // Subgraphs learn who is calling from the caller's own access token, which they verify
    // themselves (docs/adr/0007): it is forwarded only once the router verified it. Nothing else a
    // client sends is forwarded (the gateway forwards no client header unless returned here), so
    // client-sent x-user-id/x-user-scopes/x-client-ip never reach a subgraph.
    propagateHeaders: {
      async fromClientToSubgraphs({ request, context }) {
        const headers = {};
        const address = clientAddress.of(request, context);
        if (address) headers['x-client-ip'] = address;
        const user = await authenticator.userOf(request);
        const token = user && verifiedBearerToken(request);
        if (token) headers.authorization = `Bearer ${token}`;
        return headers;
      },
    },
  };

  function plugins(ctx) {
    if (!log && ctx?.log) logger = ctx.log;
    const limiter = createRateLimiter({
      redisUrl: settings.redisUrl,
      windowSeconds: settings.rateLimitWindowSeconds,
      perIp: settings.rateLimitPerIp,
      perUser: settings.rateLimitPerUser,
      ...(rateLimitKeyPrefix ? { keyPrefix: rateLimitKeyPrefix } : {}),
      log: logProxy,
    });
    // Order matters for onRequest: the address budget is spent first (also by requests with a
    // bad token), then a bad token is refused; the body is checked when the request is parsed.
    return [
      useErrorHygiene(),
      useErrorCodes({ isSignedIn: (request) => authenticator.userOf(request).then(Boolean) }),
      useRateLimit({
        limiter,
        addressOf: clientAddress.of,
        userOf: authenticator.userOf,
        exemptPaths: PLATFORM_PATHS,
      }),
      useAuthentication({ authenticator, exemptPaths: PLATFORM_PATHS }),
      useBodyLimit({ maxBytes: settings.maxBodyBytes }),
      useEmptyOperationGuard(),
      // Aliases multiply work without adding depth or many tokens (`a1: f a2: f ...`).
      maxAliasesPlugin({ n: settings.maxAliases }),
      maxDirectivesPlugin({ n: settings.maxDirectives }),
      // Last: subscriptions answered by an earlier plugin in onSubscribe never take a slot.
      useStreamLimits({
        limiter: createStreamLimiter({ redisUrl: settings.redisUrl, log: logProxy, ...streams }),
        userOf: authenticator.userOf,
        addressOf: clientAddress.of,
        maxPerUser: settings.maxStreamsPerUser,
        maxPerAddress: settings.maxStreamsPerAddress,
      }),
    ];
  }

  return { config, plugins, authenticator, clientAddress, documents };
}
