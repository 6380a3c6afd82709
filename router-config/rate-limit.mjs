// Rate limits per client address and per user, in Redis so every router instance shares them,
// answering HTTP 429 (Hive's built-in rateLimiting answers 200 with an error, which clients and
// proxies do not recognise as "slow down").
//
// Fixed windows: a counter per client, INCR'd per request, with PEXPIRE set when the INCR
// created it (one Lua script: atomic, one round trip for both counters). A request spends the
// address budget first and the user budget only if the address is still within its limit. The
// user is the VERIFIED token subject: a forged or expired token spends no one's user budget (it
// is refused with 401 anyway, after spending its address budget).
//
// Redis unreachable or slow: the request is served without limiting (fail open) and a warning is
// logged at most once per window. Availability over limiting: a Redis outage must not take the
// storefront down, and the per-address limit is a guard against floods, not a security boundary.
import { errorResponse } from './error-codes.mjs';
import { createFailOpenRedis } from './fail-open-redis.mjs';

export const DEFAULT_KEY_PREFIX = 'router:ratelimit:';

// KEYS: counters in spending order. ARGV[1]: window in ms, ARGV[1 + i]: limit of KEYS[i].
// Returns count, ttl (ms) pairs; stops after the first counter over its limit.
const SCRIPT = `
local window = tonumber(ARGV[1])
local out = {}
for i = 1, #KEYS do
  local count = redis.call('INCR', KEYS[i])
  local ttl = redis.call('PTTL', KEYS[i])
  if count == 1 or ttl < 0 then
    redis.call('PEXPIRE', KEYS[i], window)
    ttl = window
  end
  out[#out + 1] = count
  out[#out + 1] = ttl
  if count > tonumber(ARGV[i + 1]) then break end
end
return out
`;

export function createRateLimiter({
  redisUrl = 'redis://127.0.0.1:6379',
  windowSeconds = 10,
  perIp = 2000,
  perUser = 300,
  keyPrefix = DEFAULT_KEY_PREFIX,
  commandTimeoutMs = 500,
  connectTimeoutMs = 2000,
  log = console,
} = {}) {
  const windowMs = windowSeconds * 1000;
  const client = createFailOpenRedis({
    redisUrl,
    commandTimeoutMs,
    connectTimeoutMs,
    warnEveryMs: windowMs,
    warn: (message) => log.warn?.(`Rate limits are not enforced: ${message} (serving requests without limiting)`),
  });
  const { redis, failed } = client;
  redis.defineCommand('routerRateLimit', { lua: SCRIPT });

  /**
   * Spends one request from each bucket (`{ key, limit }`, in order). Resolves to
   * `{ exceeded, limit, remaining, resetSeconds }` for the exceeded or else the tightest bucket,
   * or null when Redis could not answer (fail open).
   */
  async function consume(buckets) {
    const pending = client.firstConnection();
    if (pending) await pending;
    let reply;
    try {
      reply = await redis.routerRateLimit(
        buckets.length,
        ...buckets.map((b) => keyPrefix + b.key),
        windowMs,
        ...buckets.map((b) => b.limit),
      );
    } catch (error) {
      failed(error);
      return null;
    }
    let tightest = null;
    for (let i = 0; i < reply.length / 2; i++) {
      const { limit } = buckets[i];
      const count = Number(reply[2 * i]);
      const resetSeconds = Math.max(1, Math.ceil(Number(reply[2 * i + 1]) / 1000));
      const state = { exceeded: count > limit, limit, remaining: Math.max(0, limit - count), resetSeconds };
      if (state.exceeded) return state;
      if (!tightest || state.remaining < tightest.remaining) tightest = state;
    }
    return tightest;
  }

  return {
    consume,
    perIp,
    perUser,
    redis,
    // quit() lets pending commands finish; when not connected it would wait for a reconnection.
    close: client.close,
  };
}

function rateLimitHeaders(state) {
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.resetSeconds),
  };
}

/**
 * Applies the limiter to every request but the platform's probes and metrics (and CORS
 * preflights, which browsers send on their own). `addressOf(request, serverContext)` and
 * `userOf(request)` (a promise of the verified user or null) come from client-address.mjs and
 * auth.mjs. Every limited response carries RateLimit-Limit/-Remaining/-Reset.
 */
export function useRateLimit({ limiter, addressOf, userOf, exemptPaths = [] }) {
  const exempt = new Set(exemptPaths);
  const states = new WeakMap();
  return {
    onRequest({ request, serverContext, url, endResponse, fetchAPI }) {
      if (request.method === 'OPTIONS' || exempt.has(url.pathname)) return;
      const address = addressOf(request, serverContext) ?? 'unknown';
      return Promise.resolve(userOf(request)).then(async (user) => {
        const buckets = [{ key: `ip:${address}`, limit: limiter.perIp }];
        if (user) buckets.push({ key: `user:${user.sub}`, limit: limiter.perUser });
        const state = await limiter.consume(buckets);
        if (!state) return;
        states.set(request, state);
        if (state.exceeded) {
          endResponse(
            // retryAfterSeconds in the body too: a BFF relaying the GraphQL answer keeps it
            // (accounts' sign-in lockout uses the same extension).
            errorResponse(
              fetchAPI,
              429,
              'TOO_MANY_REQUESTS',
              `Too many requests: try again in ${state.resetSeconds} s`,
              { 'retry-after': String(state.resetSeconds) },
              { retryAfterSeconds: state.resetSeconds },
            ),
          );
        }
      });
    },
    onResponse({ request, response }) {
      const state = states.get(request);
      if (!state) return;
      for (const [name, value] of Object.entries(rateLimitHeaders(state))) response.headers.set(name, value);
    },
    onDispose: () => limiter.close(),
  };
}
