// One log line per GraphQL request served: without it the router would write nothing while
// serving a request, and a trace id could not lead to the router's part of it. Written when the
// response is ready, inside the request's span, so the line carries the request's trace id.
import { getOperationAST } from 'graphql';

/** The path of a request URL, without the cost of a URL object on every request. */
export function pathOf(url) {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.slice(start).search(/[?#]/);
  return end < 0 ? url.slice(start) : url.slice(start, start + end);
}

export function useAccessLog(log) {
  const started = new WeakMap();
  const operationNames = new WeakMap();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    // The name the client sent, for requests that fail before execution ...
    onParams({ request, params }) {
      if (params?.operationName) operationNames.set(request, params.operationName);
    },
    // ... and the executed operation's own name (persisted documents arrive by id, without one).
    onExecute({ args }) {
      const request = args.contextValue?.request;
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (request && name) operationNames.set(request, name);
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      // Not a GraphQL request (health checks, metrics): no line.
      if (start === undefined || !pathOf(request.url).startsWith('/graphql')) return;
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
