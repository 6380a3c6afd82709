// Bounds on subscriptions (server-sent event streams; today only `orderStatusChanged`):
//
// - A cap on concurrent streams per verified user (`sub`), and per client address for anonymous
//   callers. The stream over the cap is refused in onSubscribe, after parsing, validation and
//   the @authenticated check but before any subgraph is called: HTTP 429, TOO_MANY_REQUESTS.
// - A stream ends when the access token it was opened with expires: a last event with
//   UNAUTHENTICATED, then the end; the upstream subscription is closed. A held-open stream must
//   not outlive the proof that let it open (tokens live 15 minutes, streams up to 30).
//
// Counting is in Redis so the cap holds across router replicas: one sorted set per caller,
// a member per open stream scored with its lease's expiry. An open stream renews its lease every
// leaseMs / 3; a finished, failed or cancelled one (the client closed the connection) removes its
// member. A router that crashes cannot remove its members, so they lapse with their leases
// (leaseMs, 30 s by default) and the key itself expires with the last lease.
//
// Redis unreachable: streams open uncounted and a warning is logged (at most every 10 s), as the
// rate limits do; the token-expiry bound does not need Redis and always holds.
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { decodeJwt } from 'jose';
import { createFailOpenRedis } from './fail-open-redis.mjs';

export const DEFAULT_KEY_PREFIX = 'router:streams:';
export const DEFAULT_MAX_STREAMS_PER_USER = 5;
export const DEFAULT_MAX_STREAMS_PER_ADDRESS = 20;
export const DEFAULT_LEASE_MS = 30_000;

// KEYS[1]: the caller's set. ARGV: member, limit, lease ms. Returns { granted (0/1), open }.
// Time is Redis's, so replicas with skewed clocks agree on which leases have lapsed.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local open = redis.call('ZCARD', KEYS[1])
if open >= tonumber(ARGV[2]) then return { 0, open } end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
if redis.call('PTTL', KEYS[1]) < lease then redis.call('PEXPIRE', KEYS[1], lease) end
return { 1, open + 1 }
`;

// KEYS[1]: the caller's set. ARGV: member, lease ms. Only a member still present is renewed.
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[2])
local renewed = redis.call('ZADD', KEYS[1], 'XX', 'CH', now + lease, ARGV[1])
if redis.call('PTTL', KEYS[1]) < lease then redis.call('PEXPIRE', KEYS[1], lease) end
return renewed
`;

/**
 * `acquire(key, limit)` resolves to `{ granted: true, release() }`, `{ granted: false, open }`
 * (the caller already holds `open` streams) or null when Redis could not answer (fail open).
 */
export function createStreamLimiter({
  redisUrl = 'redis://127.0.0.1:6379',
  keyPrefix = DEFAULT_KEY_PREFIX,
  leaseMs = DEFAULT_LEASE_MS,
  commandTimeoutMs = 500,
  connectTimeoutMs = 2000,
  log = console,
} = {}) {
  const client = createFailOpenRedis({
    redisUrl,
    commandTimeoutMs,
    connectTimeoutMs,
    warnEveryMs: 10_000,
    warn: (message) => log.warn?.(`Stream limits are not enforced: ${message} (streams open uncounted)`),
  });
  const { redis, failed } = client;
  redis.defineCommand('routerStreamAcquire', { numberOfKeys: 1, lua: ACQUIRE });
  redis.defineCommand('routerStreamRenew', { numberOfKeys: 1, lua: RENEW });

  async function acquire(key, limit) {
    const pending = client.firstConnection();
    if (pending) await pending;
    const setKey = keyPrefix + key;
    const member = randomUUID();
    let reply;
    try {
      reply = await redis.routerStreamAcquire(setKey, member, limit, leaseMs);
    } catch (error) {
      failed(error);
      return null;
    }
    const [granted, open] = reply.map(Number);
    if (!granted) return { granted: false, open };
    // A renewal that fails (Redis away for a moment) is retried at the next tick; the lease
    // outlives two missed renewals.
    const renewal = setInterval(() => {
      redis.routerStreamRenew(setKey, member, leaseMs).catch(failed);
    }, Math.max(1, Math.floor(leaseMs / 3)));
    renewal.unref();
    let released = false;
    return {
      granted: true,
      release() {
        if (released) return;
        released = true;
        clearInterval(renewal);
        redis.zrem(setKey, member).catch(failed);
      },
    };
  }

  return {
    acquire,
    redis,
    close: client.close,
  };
}

export const STREAM_CAP_MESSAGE = 'Too many open streams: close one before opening another';
export const TOKEN_EXPIRED_MESSAGE = 'The access token has expired';

const tooManyStreams = (limit) => ({
  errors: [
    new GraphQLError(STREAM_CAP_MESSAGE, {
      extensions: { code: 'TOO_MANY_REQUESTS', maxStreams: limit, http: { status: 429 } },
    }),
  ],
});

const tokenExpired = () => ({
  errors: [new GraphQLError(TOKEN_EXPIRED_MESSAGE, { extensions: { code: 'UNAUTHENTICATED' } })],
});

// setTimeout's longest delay (about 24.8 days); a later deadline is reached in several waits.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Resolves at `deadline` (epoch ms); `cancel()` stops the timer. */
function alarm(deadline) {
  let timer;
  let cancelled = false;
  const promise = new Promise((resolve) => {
    const wait = () => {
      if (cancelled) return;
      const left = deadline - Date.now();
      if (left <= 0) return resolve();
      timer = setTimeout(wait, Math.min(left, MAX_TIMEOUT_MS));
    };
    wait();
  });
  return {
    promise,
    cancel() {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}

const EXPIRED = Symbol('expired');

/**
 * The source stream, ended at `expiresAt` (epoch ms, or undefined for no deadline) with a last
 * UNAUTHENTICATED event; `onEnd` runs once when the stream ends in any way. A plain iterator, not
 * an async generator: a generator waiting for the next event would hold the client's disconnect
 * (return()) until that event arrived.
 */
export function boundedStream(source, { expiresAt, onEnd = () => {} }) {
  const iterator = source[Symbol.asyncIterator]();
  const deadline = expiresAt === undefined ? undefined : alarm(expiresAt);
  const expired = deadline ? deadline.promise.then(() => EXPIRED) : new Promise(() => {});
  let ended = false;
  const end = () => {
    if (ended) return false;
    ended = true;
    deadline?.cancel();
    onEnd();
    return true;
  };
  const closeSource = (value) =>
    iterator.return ? Promise.resolve(iterator.return(value)).then(() => ({ done: true, value })) : Promise.resolve({ done: true, value });
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (ended) return { done: true, value: undefined };
      let step;
      try {
        step = await Promise.race([iterator.next(), expired]);
      } catch (error) {
        end();
        throw error;
      }
      if (step === EXPIRED) {
        if (!end()) return { done: true, value: undefined };
        closeSource().catch(() => {});
        return { done: false, value: tokenExpired() };
      }
      if (step.done) end();
      return step;
    },
    return(value) {
      end();
      return closeSource(value);
    },
    throw(error) {
      end();
      return iterator.throw ? iterator.throw(error) : Promise.reject(error);
    },
  };
}

const isAsyncIterable = (value) => value != null && typeof value[Symbol.asyncIterator] === 'function';

/** The `exp` of the request's bearer token, in epoch ms; only called once it has been verified. */
function tokenExpiryOf(request) {
  const match = /^Bearer +(\S+)/i.exec(request.headers.get('authorization')?.trim() ?? '');
  const exp = match ? decodeJwt(match[1]).exp : undefined;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

/**
 * Applies the cap and the token deadline to every subscription. `userOf(request)` (a promise of
 * the verified user or null) and `addressOf(request, context)` come from auth.mjs and
 * client-address.mjs. Must come after the plugins that answer a subscription themselves in
 * onSubscribe (the empty-operation guard): a subscription they answer never counts.
 */
export function useStreamLimits({ limiter, userOf, addressOf, maxPerUser, maxPerAddress }) {
  return {
    async onSubscribe({ args, setSubscribeFn, subscribeFn, setResultAndStopExecution }) {
      const context = args.contextValue;
      const request = context?.request;
      if (!request) return;
      const user = await userOf(request);
      const key = user ? `user:${user.sub}` : `ip:${addressOf(request, context) ?? 'unknown'}`;
      const limit = user ? maxPerUser : maxPerAddress;
      const lease = await limiter.acquire(key, limit);
      if (lease && !lease.granted) {
        setResultAndStopExecution(tooManyStreams(limit));
        return;
      }
      const release = () => lease?.release();
      const expiresAt = user ? tokenExpiryOf(request) : undefined;
      // A subscribe that fails never reaches onSubscribeResult: release here too.
      setSubscribeFn((subscribeArgs) =>
        Promise.resolve()
          .then(() => subscribeFn(subscribeArgs))
          .catch((error) => {
            release();
            throw error;
          }),
      );
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(boundedStream(result, { expiresAt, onEnd: release }));
          else release();
        },
      };
    },
    onDispose: () => limiter.close(),
  };
}
