// Who the caller is: the router verifies the access token the accounts subgraph issued (JWT,
// RS256, keys from its JWKS) and from then on only the verified claims count. Subgraphs get the
// verified token itself from the router (security.mjs) and verify it again.
//
// - No Authorization header: anonymous. The schema's @authenticated/@requiresScopes decide what
//   an anonymous caller may see (genericAuthOptions below).
// - A token that does not verify (bad signature, alg none/HS256, expired, not yet valid, wrong
//   issuer or audience, garbage, unknown key): the whole request is refused with 401. Serving it
//   as anonymous instead would hide a client bug or an attack behind odd partial results.
//
// Verification is our own (jose) rather than Hive's `jwt` option so the refusal happens before
// the body is read, with the exact 401 body and WWW-Authenticate header of the contract, and so a
// JWKS outage keeps the keys already known (see createJwksKeyStore).
import { getOperationAST } from 'graphql';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { errorResponse } from './error-codes.mjs';

export const DEFAULT_JWKS_URL = 'http://127.0.0.1:4001/.well-known/jwks.json';
export const DEFAULT_ISSUER = 'storefront-accounts';
export const DEFAULT_AUDIENCE = 'storefront';

/**
 * The accounts subgraph's public keys. Keys rotate: during a rotation the JWKS holds the old and
 * the new key, so a token whose `kid` we have not seen triggers a refetch. Refetches are
 * rate-limited (at most one attempt per `cooldownMs`, concurrent ones share a fetch), so tokens
 * with made-up kids cannot turn the router into a load generator against the accounts service.
 * Keys older than `maxAgeMs` are refreshed in the background while the known ones stay in use,
 * and a failed fetch keeps them: an accounts outage does not log everybody out.
 */
export function createJwksKeyStore({
  url = DEFAULT_JWKS_URL,
  cooldownMs = 5_000,
  maxAgeMs = 10 * 60_000,
  timeoutMs = 5_000,
  log = console,
  fetch = globalThis.fetch,
} = {}) {
  let keys; // jose's key lookup over the last good JWKS
  let fetchedAt = -Infinity;
  let attemptedAt = -Infinity;
  let pending;
  let fetches = 0;

  function refresh() {
    if (!pending) {
      attemptedAt = Date.now();
      fetches += 1;
      pending = (async () => {
        const response = await fetch(url, {
          headers: { accept: 'application/json' },
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.status !== 200) throw new Error(`the JWKS endpoint answered HTTP ${response.status}`);
        keys = createLocalJWKSet(await response.json());
        fetchedAt = Date.now();
      })()
        .catch((error) =>
          log.warn?.(
            `Could not fetch the JWKS from ${url} (${error.message}); ` +
              (keys ? 'tokens are verified with the keys fetched before' : 'tokens cannot be verified until it answers'),
          ),
        )
        .finally(() => {
          pending = undefined;
        });
    }
    return pending;
  }

  const mayRefetch = () => pending || Date.now() - attemptedAt >= cooldownMs;

  async function getKey(protectedHeader, token) {
    if (!keys && mayRefetch()) await refresh();
    else if (keys && Date.now() - fetchedAt > maxAgeMs) refresh(); // stale: refresh, keep serving
    if (!keys) throw Object.assign(new Error('no JWKS available'), { code: 'JWKS_UNAVAILABLE' });
    try {
      return await keys(protectedHeader, token);
    } catch (error) {
      if (error?.code !== 'ERR_JWKS_NO_MATCHING_KEY' || !mayRefetch()) throw error;
      await refresh();
      return keys(protectedHeader, token);
    }
  }
  // For tests and diagnostics: how many fetches were started.
  Object.defineProperty(getKey, 'fetches', { get: () => fetches });
  return getKey;
}

const EXPIRED = 'The access token has expired';
const INVALID = 'The access token is invalid';
const UNVERIFIABLE = 'The access token could not be verified';

function reasonFor(error) {
  if (error?.code === 'ERR_JWT_EXPIRED') return EXPIRED;
  if (error?.code === 'JWKS_UNAVAILABLE') return UNVERIFIABLE;
  return INVALID;
}

/**
 * `authenticate(request)` reads `Authorization: Bearer <token>` once per request and resolves to
 * `{ user }` (verified), `{ user: null }` (no token) or `{ user: null, invalid: message }`.
 * A user is `{ sub, scope, scopes }` from the verified claims.
 */
export function createAuthenticator({
  jwksUrl = DEFAULT_JWKS_URL,
  issuer = DEFAULT_ISSUER,
  audience = DEFAULT_AUDIENCE,
  clockToleranceSeconds = 5,
  getKey,
  jwks = {},
  log = console,
} = {}) {
  const keyStore = getKey ?? createJwksKeyStore({ url: jwksUrl, log, ...jwks });
  const verdicts = new WeakMap();

  async function verify(authorization) {
    const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i.exec(authorization);
    if (!match) return { user: null, invalid: INVALID };
    try {
      const { payload } = await jwtVerify(match[1], keyStore, {
        issuer,
        audience,
        algorithms: ['RS256'],
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      const { sub, scope = '' } = payload;
      // Both go into HTTP headers to subgraphs: refuse what a header cannot carry safely.
      if (typeof sub !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(sub)) return { user: null, invalid: INVALID };
      if (typeof scope !== 'string' || !/^[\x20-\x7e]{0,1024}$/.test(scope)) return { user: null, invalid: INVALID };
      return { user: { sub, scope, scopes: scope.split(' ').filter(Boolean) } };
    } catch (error) {
      log.debug?.(`Refused an access token: ${error?.code ?? error?.name}: ${error?.message}`);
      return { user: null, invalid: reasonFor(error) };
    }
  }

  function authenticate(request) {
    let verdict = verdicts.get(request);
    if (!verdict) {
      const authorization = request.headers.get('authorization');
      verdict = authorization?.trim() ? verify(authorization.trim()) : Promise.resolve({ user: null });
      verdicts.set(request, verdict);
    }
    return verdict;
  }

  return {
    authenticate,
    /** The verified user of a request, or null (anonymous or refused). */
    userOf: (request) => (request ? authenticate(request).then((v) => v.user) : Promise.resolve(null)),
  };
}

/** The 401 of the contract: the whole request is refused, never a 5xx. */
export function unauthenticatedResponse(fetchAPI, message) {
  return errorResponse(fetchAPI, 401, 'UNAUTHENTICATED', message, {
    'www-authenticate': `Bearer error="invalid_token", error_description="${message}"`,
  });
}

/**
 * Refuses requests whose token does not verify, before anything else happens to them.
 * Probes and metrics are for the platform and carry no tokens; they are left alone.
 */
export function useAuthentication({ authenticator, exemptPaths = [] }) {
  const exempt = new Set(exemptPaths);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method === 'OPTIONS' || exempt.has(url.pathname)) return;
      return authenticator.authenticate(request).then(({ invalid }) => {
        if (invalid) endResponse(unauthenticatedResponse(fetchAPI, invalid));
      });
    },
  };
}

/**
 * Hive's generic auth in `protect-granular` mode enforces the schema's @authenticated and
 * @requiresScopes with the verified user. Denied fields come back null with an error and the
 * rest of the operation is served (`rejectUnauthenticated: false`); error-codes.mjs turns the
 * plugin's UNAUTHORIZED_FIELD_OR_TYPE into UNAUTHENTICATED or FORBIDDEN.
 */
export function genericAuthOptions(authenticator) {
  return {
    mode: 'protect-granular',
    resolveUserFn: (context) => authenticator.userOf(context.request),
    extractScopes: (user) => user?.scopes ?? [],
    rejectUnauthenticated: false,
  };
}

/**
 * Generic auth removes denied fields from the document before execution. When it removed all of
 * them (`{ me }` asked anonymously) the operation is empty, and the Rust query planner fails on
 * it with an internal error (HTTP 500). Nothing is left to run: answer with empty data, to which
 * generic auth then adds the denied fields as null with their errors. Must come after
 * `genericAuth` (config plugins do).
 */
export function useEmptyOperationGuard() {
  const guard = ({ args, setResultAndStopExecution }) => {
    const operation = getOperationAST(args.document, args.operationName);
    if (operation && operation.selectionSet.selections.length === 0) setResultAndStopExecution({ data: {} });
  };
  return { onExecute: guard, onSubscribe: guard };
}
