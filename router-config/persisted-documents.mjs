// Persisted documents (registered operations) from the schema registry.
//
// Clients register their operations with the registry (`PUT /clients/{client}/versions/{v}/manifest`,
// an Apollo persisted query manifest, id = SHA-256 of the body) and send only the id:
// `{"documentId": "<id>", "variables": ...}` or APQ-style
// `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<id>"}}}`. The router resolves
// the id with `GET {registry}/operations/{id}` and executes the body as if the client had sent it
// as `query`: the same parse, validation (depth, tokens, aliases, directives, introspection in
// production), cost limit and @authenticated/@requiresScopes apply, and the token check, rate limits
// and body limit (onRequest / onRequestParse) have run before the id is even looked at.
//
// - Ids are 64 lowercase hex characters; anything else is refused without calling the registry.
// - Found documents are kept in an in-memory LRU (they never change: the id is their hash, which is
//   checked on arrival). Unknown ids are remembered briefly, so a client hammering an unregistered
//   id does not hammer the registry, and a newly registered manifest works within `missTtlMs`.
// - Concurrent requests for the same uncached id share one registry call, bounded by `timeoutMs`.
//   Registry down, slow or answering garbage: the request fails with PERSISTED_QUERY_UNAVAILABLE
//   (503) and nothing is cached; documents already cached keep working.
// - Development accepts ad-hoc `query` texts as well (GraphiQL); production accepts only ids.
// - `token`, the router's registry credential, goes with every lookup: a production registry
//   serves documents only to the router (and administrators).
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';

export const DEFAULT_CACHE_SIZE = 10_000;
export const DEFAULT_MISS_TTL_MS = 10_000;
export const DEFAULT_TIMEOUT_MS = 2_000;
export const DOCUMENT_ID = /^[0-9a-f]{64}$/;

export const CODES = {
  invalid: 'PERSISTED_QUERY_ID_INVALID',
  notFound: 'PERSISTED_QUERY_NOT_IN_LIST',
  required: 'PERSISTED_QUERY_ID_REQUIRED',
  unavailable: 'PERSISTED_QUERY_UNAVAILABLE',
};

// Yoga takes the HTTP status from extensions.http (and never sends that key to the client).
const typedError = (message, code, status) => new GraphQLError(message, { extensions: { code, http: { status } } });

/** A Map used as an LRU: reads move an entry to the end, writes evict from the front. */
class Lru {
  constructor(max) {
    this.max = max;
    this.map = new Map();
  }
  get(key) {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }
  set(key, value) {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value);
  }
  delete(key) {
    this.map.delete(key);
  }
  get size() {
    return this.map.size;
  }
}

class Unavailable extends Error {}

/**
 * `get(id)` resolves to the document's body, or null when the registry does not know the id;
 * it rejects with a GraphQL error (PERSISTED_QUERY_ID_INVALID, PERSISTED_QUERY_UNAVAILABLE).
 */
export function createPersistedDocumentStore({
  registryUrl,
  token,
  cacheSize = DEFAULT_CACHE_SIZE,
  missTtlMs = DEFAULT_MISS_TTL_MS,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  log = console,
  fetch = globalThis.fetch,
} = {}) {
  const found = new Lru(cacheSize);
  const missing = new Lru(cacheSize); // id -> time until which it counts as unknown
  const pending = new Map(); // id -> promise of the registry's answer
  let registryCalls = 0;
  let lastWarning = -Infinity;

  const warn = (message) => {
    // A registry outage would log once per request otherwise.
    if (Date.now() - lastWarning < 5_000) return;
    lastWarning = Date.now();
    log.warn?.(message);
  };

  async function fromRegistry(id) {
    registryCalls += 1;
    let response;
    try {
      response = await fetch(`${registryUrl}/operations/${id}`, {
        headers: token ? { accept: 'application/json', authorization: `Bearer ${token}` } : { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = error?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : error.message;
      throw new Unavailable(reason);
    }
    if (response.status === 404) {
      await response.body?.cancel().catch(() => {});
      return null;
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel().catch(() => {});
      throw new Unavailable(`it refused the router's credential (HTTP ${response.status}): set STOREFRONT_REGISTRY_TOKEN to the router's token`);
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => {});
      throw new Unavailable(`it answered HTTP ${response.status}`);
    }
    let operation;
    try {
      operation = await response.json();
    } catch {
      throw new Unavailable('it answered with something that is not JSON');
    }
    const body = operation?.body;
    if (typeof body !== 'string' || createHash('sha256').update(body).digest('hex') !== id) {
      throw new Unavailable('it answered with a document whose SHA-256 is not the id');
    }
    return body;
  }

  async function get(id) {
    if (typeof id !== 'string' || !DOCUMENT_ID.test(id)) {
      throw typedError(
        'The persisted document id is malformed: it must be the SHA-256 of the document, 64 lowercase hex characters',
        CODES.invalid,
        400,
      );
    }
    const body = found.get(id);
    if (body !== undefined) return body;
    const missUntil = missing.get(id);
    if (missUntil !== undefined) {
      if (Date.now() < missUntil) return null;
      missing.delete(id);
    }
    let lookup = pending.get(id);
    if (!lookup) {
      lookup = fromRegistry(id)
        .then((document) => {
          if (document === null) missing.set(id, Date.now() + missTtlMs);
          else found.set(id, document);
          return document;
        })
        .finally(() => pending.delete(id));
      pending.set(id, lookup);
    }
    try {
      return await lookup;
    } catch (error) {
      if (!(error instanceof Unavailable)) throw error;
      warn(`Could not load persisted document ${id} from the schema registry at ${registryUrl}: ${error.message}`);
      // No registry address in what the client sees.
      throw typedError(
        'The persisted document could not be loaded right now; try again later',
        CODES.unavailable,
        503,
      );
    }
  }

  return {
    get,
    /** For tests and diagnostics. */
    stats: () => ({ registryCalls, cached: found.size, missing: missing.size, pending: pending.size }),
  };
}

/**
 * The gateway's `persistedDocuments` option over a store. Production accepts only persisted
 * documents; development also accepts ad-hoc `query` texts.
 */
export function persistedDocumentsOptions({ store, production }) {
  return {
    getPersistedOperation: (id) => store.get(id),
    // The gateway's default extraction: `extensions.persistedQuery.sha256Hash` (version 1), then
    // `documentId` in the body (or the query string of a GET).
    allowArbitraryDocuments: !production,
    customErrors: {
      notFound: () =>
        typedError(
          'No operation with this id is registered: register the client\'s manifest with the schema registry',
          CODES.notFound,
          400,
        ),
      keyNotFound: () =>
        production
          ? typedError('Send a registered operation\'s id as documentId', CODES.required, 400)
          : typedError('Send a query, or a registered operation\'s id as documentId', 'BAD_REQUEST', 400),
      persistedQueryOnly: () =>
        typedError(
          'Only registered operations are accepted: send the operation\'s id as documentId instead of the query text',
          CODES.required,
          400,
        ),
    },
  };
}
