// Errors sent to clients carry no upstream details, in every profile: no subgraph URLs, request
// or response bodies, stack traces. Measured on Hive Gateway 2.15: a subgraph timeout answers
// with `extensions.request: { url, method, body }` even with NODE_ENV=production, and masked
// errors carry `extensions.originalError` (message and stack) when NODE_ENV=development.
//
// What stays: the message (with URLs and host:port addresses replaced), `extensions.code`,
// `serviceName`, and the subgraphs' own client-facing extensions (`argument`, `field`,
// `retryAfterSeconds`, ...). Removal is by name, so a new client-facing extension passes.
import { GraphQLError } from 'graphql';

export const UNSAFE_EXTENSIONS = [
  'request',
  'response',
  'stack',
  'stacktrace',
  'stackTrace',
  'exception',
  'originalError',
  'cause',
  'sourceError',
  'errors',
];

const URL_PATTERN = /\b(?:https?|wss?):\/\/[^\s"'<>)\]]+/gi;
const ADDRESS_PATTERN = /\b(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\]|localhost):\d{2,5}\b/gi;

export function scrubMessage(message) {
  return typeof message === 'string'
    ? message.replace(URL_PATTERN, '[redacted URL]').replace(ADDRESS_PATTERN, '[redacted address]')
    : message;
}

/** The error itself when it is clean, else a clean copy. */
export function sanitizeError(error) {
  if (!error || typeof error !== 'object') return error;
  const extensions = error.extensions ?? {};
  const unsafe = UNSAFE_EXTENSIONS.filter((key) => key in extensions);
  const message = scrubMessage(error.message);
  if (unsafe.length === 0 && message === error.message) return error;
  const kept = { ...extensions };
  for (const key of unsafe) delete kept[key];
  if (!(error instanceof GraphQLError)) {
    return { ...error, message, extensions: kept };
  }
  const copy = new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: kept,
  });
  if (!copy.locations && error.locations) copy.locations = error.locations;
  return copy;
}

export function sanitizeResult(result) {
  if (!result || typeof result !== 'object') return result;
  let changed = false;
  let { errors, incremental } = result;
  if (Array.isArray(errors)) {
    const cleaned = errors.map(sanitizeError);
    if (cleaned.some((error, i) => error !== errors[i])) {
      errors = cleaned;
      changed = true;
    }
  }
  // Incremental delivery (@defer/@stream) nests errors in `incremental[]` entries.
  if (Array.isArray(incremental)) {
    const cleaned = incremental.map(sanitizeResult);
    if (cleaned.some((entry, i) => entry !== incremental[i])) {
      incremental = cleaned;
      changed = true;
    }
  }
  return changed ? { ...result, errors, incremental } : result;
}

// A plain iterator rather than an async generator: a generator waiting for the next event would
// hold a client's disconnect (return()) until that event, keeping the subscription open.
function mapStream(source, map) {
  const iterator = source[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => iterator.next().then((step) => (step.done ? step : { done: false, value: map(step.value) })),
    return: (value) => (iterator.return ? iterator.return(value) : Promise.resolve({ done: true, value })),
    throw: (error) => (iterator.throw ? iterator.throw(error) : Promise.reject(error)),
  };
}

/** Applies sanitizeResult to single, batched and streamed (SSE, multipart) results. */
export function useErrorHygiene() {
  return {
    onResultProcess({ result, setResult }) {
      if (!result) return;
      if (Array.isArray(result)) {
        const cleaned = result.map(sanitizeResult);
        if (cleaned.some((r, i) => r !== result[i])) setResult(cleaned);
      } else if (typeof result[Symbol.asyncIterator] === 'function') {
        setResult(mapStream(result, sanitizeResult));
      } else {
        const cleaned = sanitizeResult(result);
        if (cleaned !== result) setResult(cleaned);
      }
    },
  };
}
