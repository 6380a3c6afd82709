// Browsers may call the router only from the storefront's own origins. Credentials (cookies,
// Authorization) are allowed, so the allow-list is exact: an origin not on it gets no CORS
// headers at all, and its preflight fails in the browser.
//
// Yoga's array form is not usable here: with one configured origin it sends that origin to
// everybody, and with several it answers `Access-Control-Allow-Origin: null` to strangers (which
// sandboxed iframes and file: pages match). So the decision is ours, per request.

export const ALLOWED_REQUEST_HEADERS = ['Authorization', 'Content-Type'];
// Response headers scripts may read besides the CORS-safelisted ones.
export const EXPOSED_RESPONSE_HEADERS = [
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'Retry-After',
  'WWW-Authenticate',
];

export function corsOptions(origins) {
  const allowed = new Set(origins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.has(origin)) return false;
    return {
      // The origin is already checked; '*' makes the plugin echo it and add `Vary: Origin`
      // (it never sends a literal '*').
      origin: '*',
      credentials: true,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ALLOWED_REQUEST_HEADERS,
      exposedHeaders: EXPOSED_RESPONSE_HEADERS,
      maxAge: 600,
    };
  };
}
