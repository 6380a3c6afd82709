// One log line per GraphQL request served: without it the router would write nothing while
// serving a request, and a trace id could not lead to the router's part of it. Written when the
// response is ready, inside the request's span, so the line carries the request's trace id.
const operationNames = new WeakMap();

export function useAccessLog(log) {
  const started = new WeakMap();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onParams({ request, params }) {
      if (params?.operationName) operationNames.set(request, params.operationName);
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      // Not a GraphQL request (health checks, metrics): no line.
      if (start === undefined || !new URL(request.url).pathname.startsWith('/graphql')) return;
      log.info(
        {
          operationName: operationNames.get(request) ?? null,
          method: request.method,
          status: response.status,
          duration_ms: Math.round((performance.now() - start) * 10) / 10,
        },
        'request served',
      );
    },
  };
}
