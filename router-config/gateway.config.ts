// Hive Gateway configuration: the router is configured, never forked.
// Keys verified against @graphql-hive/gateway 2.15 (see README.md).
import { defineConfig } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { createLogger, openTelemetryOptions, setUpTracing, useTraceFlush } from './observability.mjs';
import { useOperationLog } from './operation-log.mjs';
import { createSecurity } from './security.mjs';
import { readSettings } from './settings.mjs';
import { createSupergraphSource } from './supergraph-source.mjs';

// Every environment variable is read in settings.mjs and explained in README.md.
const settings = readSettings(process.env);
// JSON lines carrying trace_id/span_id; traces to Zipkin when ROUTER_ZIPKIN_URL is set, the
// caller's traceparent passed on to subgraphs always (see observability.mjs).
const log = createLogger(settings);
const tracing = setUpTracing(settings, { log });
// Authentication, rate limits, body/alias/directive limits, error hygiene, CORS, persisted
// documents and the production profile (see security.mjs and the modules it names).
const security = createSecurity(settings, { log });

export const gatewayConfig = defineConfig({
  host: settings.host,
  port: settings.port,
  // Above 1, a primary process forks this many workers. Everything they share is in Redis (rate
  // limits, stream counts); a worker that dies is not replaced (the primary exits when none is
  // left), so a supervisor or a second replica is still needed.
  fork: settings.workers,
  // From the schema registry, with a last-known-good copy on disk (see supergraph-source.mjs).
  supergraph: createSupergraphSource({
    registryUrl: settings.registryUrl,
    token: settings.registryToken,
    lastKnownGoodFile: settings.lastKnownGoodFile,
    log,
  }),
  // The gateway's minimum; a poll happens when requests arrive after the interval.
  pollingInterval: settings.pollingIntervalMs,
  // The Rust query planner: same plans as the JavaScript one, faster.
  unifiedGraphHandler,
  // cors, disableIntrospection, landingPage, persistedDocuments (registered operations from the
  // registry; production accepts nothing else), genericAuth, propagateHeaders (and graphiql,
  // replaced below when it is on).
  ...security.config,
  // Off in the production profile.
  graphiql: security.config.graphiql && {
    title: 'Storefront Supergraph',
    defaultQuery: `# Products with price, stock, shipping and reviews from four subgraphs
{
  products(first: 5) {
    edges {
      node {
        name
        price { amount currencyCode }
        inStock
        shippingEstimate { amount }
        averageRating
        reviews(first: 2) { edges { node { rating author { displayName } } } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  // Abuse limits, checked before any subgraph is called. Connections add two levels per hop, so
  // the storefront's deepest real query (category -> products -> reviews -> author -> reviews ->
  // product) is 13 levels deep.
  maxDepth: settings.maxDepth,
  maxTokens: settings.maxTokens,
  // Demand control: the estimated cost (objects a query can return, with list sizes from the
  // @listSize directives on connection fields) may not exceed this. Nested connections multiply:
  // without it a 19-level query asking four default pages of 20 returned 2 MB.
  // Connection fields declare `first: Int = 20` so the estimate sees the default page size (it
  // does not apply @listSize's assumedSize when the slicing argument is omitted).
  demandControl: { maxCost: settings.maxCost },
  // "Did you mean ...?" hints would map the schema for anyone probing it.
  blockFieldSuggestions: true,
  // Subgraphs answer only callers presenting the shared secret (see RouterOnlyFilter).
  // Subscriptions reach subgraphs as server-sent events; the executor's default for them is GET,
  // which Spring GraphQL's SSE transport does not serve, so every request is a POST.
  transportEntries: {
    '*.http': {
      options: { method: 'POST' },
      ...(settings.routerSecret ? { headers: [['x-storefront-router-secret', settings.routerSecret]] } : {}),
    },
  },
  // Clients reach subscriptions over server-sent events, through the same HTTP pipeline as every
  // other request. A WebSocket would bypass it (token check, rate limits, body limit).
  disableWebsockets: true,
  // A slow subgraph fails the affected fields, not the whole router. 30 s: a burst of 200
  // checkouts on two shared cores queued for up to 14 s, and a cut-off checkout still completes
  // in the orders service (the client then retries with its idempotency key).
  upstreamTimeout: settings.upstreamTimeoutMs,
  plugins: (ctx) => [...security.plugins(ctx), useOperationLog(log), useTraceFlush(tracing, log)],
  openTelemetry: openTelemetryOptions(settings),
  prometheus: {
    endpoint: '/metrics',
    metrics: true,
    labels: { subgraphName: true },
  },
  logging: log,
});
