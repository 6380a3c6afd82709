// Every error a client sees carries extensions.code (the platform's contract). Most errors
// already do; the gateway's own document limits (e.g. the depth limit) do not, and are
// validation failures of the document: a client error, so HTTP 400 (without this the depth
// limit answered 500). Yoga reads the status from extensions.http and does not send that key.
//
// Hive's generic auth (`@authenticated`, `@requiresScopes`) denies a field with the code
// UNAUTHORIZED_FIELD_OR_TYPE and HTTP 401 whoever asks. Clients act differently on "sign in"
// and "you may not", so it becomes UNAUTHENTICATED without a user and FORBIDDEN for a signed-in
// user lacking a scope. The rest of the operation is still served (partial data), so such a
// response is HTTP 200 like any other GraphQL result with field errors.
import { GraphQLError } from 'graphql';

export const DEFAULT_CODE = 'GRAPHQL_VALIDATION_FAILED';
export const AUTH_DENIED_CODE = 'UNAUTHORIZED_FIELD_OR_TYPE';
const VARIABLE_ERROR = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" (?:got invalid value|of required type|of non-null type)/;

function recode(error, code, extra = {}, message = error.message) {
  const { http, ...extensions } = error.extensions ?? {};
  const copy = new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...extensions, code, ...extra },
  });
  if (!copy.locations && error.locations) copy.locations = error.locations;
  return copy;
}

/**
 * @param result a GraphQL result
 * @param options.signedIn whether the request carries a verified user (for denied fields)
 */
export function withCodes(result, { signedIn = false } = {}) {
  if (
    !result ||
    !Array.isArray(result.errors) ||
    result.errors.every((e) => e?.extensions?.code && e.extensions.code !== AUTH_DENIED_CODE)
  ) {
    return result;
  }
  return {
    ...result,
    errors: result.errors.map((error) => {
      const code = error?.extensions?.code;
      if (code === AUTH_DENIED_CODE) {
        return signedIn
          ? recode(error, 'FORBIDDEN', {}, 'Forbidden: this field needs a scope the access token does not grant')
          : recode(error, 'UNAUTHENTICATED', {}, 'Unauthenticated: sign in to access this field');
      }
      if (code) return error;
      // Variable coercion (`Variable "$n" got invalid value 1e+29; Int cannot represent ...`): the
      // client's input, not its document, was wrong. Named like the subgraphs name a bad argument.
      const variable = VARIABLE_ERROR.exec(error.message ?? '');
      if (variable) return recode(error, 'BAD_USER_INPUT', { argument: variable[1], http: { status: 400 } });
      return recode(error, DEFAULT_CODE, { http: { status: 400 } });
    }),
  };
}

/**
 * A Yoga/Hive Gateway plugin applying withCodes to every single (non-streamed) result.
 * `isSignedIn(request)` (may return a promise) tells a denied field's two cases apart.
 */
export function useErrorCodes({ isSignedIn = () => false } = {}) {
  return {
    onResultProcess({ request, result, setResult }) {
      if (!result || Array.isArray(result) || typeof result[Symbol.asyncIterator] === 'function') return;
      const denied = result.errors?.some((e) => e?.extensions?.code === AUTH_DENIED_CODE);
      const apply = (signedIn) => {
        const coded = withCodes(result, { signedIn });
        if (coded !== result) setResult(coded);
      };
      if (!denied) return apply(false);
      return Promise.resolve(isSignedIn(request)).then((signedIn) => apply(Boolean(signedIn)));
    },
  };
}

/**
 * A whole request refused before GraphQL runs (401, 413, 429, ...), in the shape of a GraphQL
 * error response so clients parse it like any other.
 */
export function errorResponse(fetchAPI, status, code, message, headers = {}, extensions = {}) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
