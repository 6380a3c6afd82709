// One info line per GraphQL operation the router executes: its name and type, how long execution
// took and how many errors it answered. Written inside the request's span, so the line carries
// the trace_id that finds the same operation in the subgraphs' logs and in Zipkin. (The gateway
// itself logs nothing per request below debug, and debug logs forwarded headers, tokens included.)
import { getOperationAST } from 'graphql';

export function useOperationLog(log) {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const operation = getOperationAST(args.document, args.operationName);
      const attrs = {
        operationName: operation?.name?.value ?? 'Anonymous',
        operationType: operation?.operation ?? 'unknown',
      };
      return {
        onExecuteDone({ result }) {
          // A subscription's result is a stream: it is logged when it starts.
          const errors = Array.isArray(result?.errors) ? result.errors.length : 0;
          log.info(
            { ...attrs, durationMs: Math.round(performance.now() - started), errors },
            errors ? 'operation answered with errors' : 'operation answered',
          );
        },
      };
    },
  };
}
