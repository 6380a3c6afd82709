// Every error a client sees carries extensions.code (the platform's contract). Most errors
// already do; the gateway's own document limits (e.g. the depth limit) do not, and are
// validation failures of the document: a client error, so HTTP 400 (without this the depth
// limit answered 500). Yoga reads the status from extensions.http and does not send that key.
import { GraphQLError } from 'graphql';

export const DEFAULT_CODE = 'GRAPHQL_VALIDATION_FAILED';

export function withCodes(result) {
  if (!result || !Array.isArray(result.errors) || result.errors.every((e) => e?.extensions?.code)) {
    return result;
  }
  return {
    ...result,
    errors: result.errors.map((error) => {
      if (error?.extensions?.code) return error;
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: error.originalError,
        extensions: { ...(error.extensions ?? {}), code: DEFAULT_CODE, http: { status: 400 } },
      });
    }),
  };
}

/** A Yoga/Hive Gateway plugin applying withCodes to every single (non-streamed) result. */
export function useErrorCodes() {
  return {
    onResultProcess({ result, setResult }) {
      if (result && !Array.isArray(result) && typeof result[Symbol.asyncIterator] !== 'function') {
        const coded = withCodes(result);
        if (coded !== result) setResult(coded);
      }
    },
  };
}
