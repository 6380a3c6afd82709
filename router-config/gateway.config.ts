// Hive Gateway configuration: the router is configured, never forked.
// Keys verified against @graphql-hive/gateway 2.15 (see docs/router.md).
import { defineConfig } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { useErrorCodes } from './error-codes.mjs';
import { createSupergraphSource } from './supergraph-source.mjs';

const env = process.env;

export const gatewayConfig = defineConfig({
  host: env.ROUTER_HOST ?? '127.0.0.1',
  port: Number(env.ROUTER_PORT ?? 4000),
  // From the schema registry, with a last-known-good copy on disk (see supergraph-source.mjs).
  supergraph: createSupergraphSource({
    registryUrl: env.STOREFRONT_REGISTRY_URL ?? 'http://127.0.0.1:4010',
    lastKnownGoodFile: env.ROUTER_LAST_KNOWN_GOOD ?? './last-known-good.supergraph.graphql',
  }),
  // The gateway's minimum; a poll happens when requests arrive after the interval.
  pollingInterval: Number(env.ROUTER_POLLING_INTERVAL_MS ?? 10_000),
  // The Rust query planner: same plans as the JavaScript one, faster.
  unifiedGraphHandler,
  graphiql: {
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
  maxDepth: Number(env.ROUTER_MAX_DEPTH ?? 20),
  maxTokens: Number(env.ROUTER_MAX_TOKENS ?? 2000),
  // Demand control: the estimated cost (objects a query can return, with list sizes from the
  // @listSize directives on connection fields) may not exceed this. Nested connections multiply:
  // without it a 19-level query asking four default pages of 20 returned 2 MB.
  // Connection fields declare `first: Int = 20` so the estimate sees the default page size (it
  // does not apply @listSize's assumedSize when the slicing argument is omitted).
  demandControl: { maxCost: Number(env.ROUTER_MAX_COST ?? 10_000) },
  // "Did you mean ...?" hints would map the schema for anyone probing it.
  blockFieldSuggestions: true,
  // Subgraphs answer only callers presenting the shared secret (see RouterOnlyFilter).
  // Subscriptions reach subgraphs as server-sent events; the executor's default for them is GET,
  // which Spring GraphQL's SSE transport does not serve, so every request is a POST.
  transportEntries: {
    '*.http': {
      options: { method: 'POST' },
      ...(env.STOREFRONT_ROUTER_SHARED_SECRET
        ? { headers: [['x-storefront-router-secret', env.STOREFRONT_ROUTER_SHARED_SECRET]] }
        : {}),
    },
  },
  // The user a request acts for. Interim: the client's x-user-id header is passed on as is, so
  // any client can claim any user. The security issue replaces this with the user id from a
  // verified JWT (and drops a client-sent header); subgraphs already read only this header.
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const user = request.headers.get('x-user-id');
      return user ? { 'x-user-id': user } : {};
    },
  },
  // A slow subgraph fails the affected fields, not the whole router. 30 s: a burst of 200
  // checkouts on two shared cores queued for up to 14 s, and a cut-off checkout still completes
  // in the orders service (the client then retries with its idempotency key).
  upstreamTimeout: Number(env.ROUTER_UPSTREAM_TIMEOUT_MS ?? 30_000),
  plugins: () => [useErrorCodes()],
  prometheus: {
    endpoint: '/metrics',
    metrics: true,
    labels: { subgraphName: true },
  },
  logging: env.ROUTER_LOG_LEVEL ?? 'info',
});
