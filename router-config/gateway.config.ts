// Hive Gateway configuration: the router is configured, never forked.
// Keys verified against @graphql-hive/gateway 2.15 (see docs/router.md).
import { defineConfig } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

const env = process.env;

export const gatewayConfig = defineConfig({
  host: env.ROUTER_HOST ?? '127.0.0.1',
  port: Number(env.ROUTER_PORT ?? 4000),
  // Written by compose.mjs from the subgraphs' schema files.
  supergraph: env.ROUTER_SUPERGRAPH ?? './supergraph.graphql',
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
  // A slow subgraph fails the affected fields, not the whole router.
  upstreamTimeout: Number(env.ROUTER_UPSTREAM_TIMEOUT_MS ?? 10_000),
  prometheus: {
    endpoint: '/metrics',
    metrics: true,
    labels: { subgraphName: true },
  },
  logging: env.ROUTER_LOG_LEVEL ?? 'info',
});
