// The Redis client of the router's limits (rate limits, stream caps), which fail open: when Redis
// is away the router serves without limiting rather than not at all. Commands fail fast instead of
// queueing while Redis is away (a request waits for Redis at most commandTimeoutMs, and not at all
// while the connection is down); failures are logged at most once per warnEveryMs; requests that
// arrive while the first connection is being made wait for it (briefly) instead of going through
// unlimited, and once Redis has answered or failed once, nobody waits.
import Redis from 'ioredis';

export function createFailOpenRedis({ redisUrl, commandTimeoutMs, connectTimeoutMs, warnEveryMs, warn }) {
  let lastWarning = -Infinity;
  const throttledWarn = (message) => {
    if (Date.now() - lastWarning < warnEveryMs) return;
    lastWarning = Date.now();
    warn(message);
  };
  const failed = (error) => throttledWarn(`Redis at ${redisUrl} failed (${error.message})`);

  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: connectTimeoutMs,
    // How long disconnect() waits for the socket to close; its timer outlives a dead connection.
    disconnectTimeout: 200,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  redis.on('error', failed);
  let firstConnection = new Promise((resolve) => {
    redis.once('ready', resolve);
    redis.once('error', resolve);
    setTimeout(resolve, connectTimeoutMs).unref();
  }).then(() => {
    firstConnection = null;
  });

  return {
    redis,
    /** Logs a failed command (throttled). */
    failed,
    /** Until the first connection attempt has ended: a promise to wait for; then null. */
    firstConnection: () => firstConnection,
    close: () => (redis.status === 'ready' ? redis.quit().catch(() => redis.disconnect()) : redis.disconnect()),
  };
}
