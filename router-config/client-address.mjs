// The client's address: what subgraphs receive as x-client-ip (limits per address such as failed
// sign-ins) and what the router's own rate limit is keyed by.
//
// The socket's peer is the client unless that peer is one of our trusted proxies; then the client
// is the right-most X-Forwarded-For entry that is not a trusted proxy. Right-most, because each
// proxy appends the address it saw: everything left of the last untrusted hop was written by the
// client itself and is worthless (a client can send `X-Forwarded-For: 1.2.3.4` to spend someone
// else's budget or to dodge its own).
import { BlockList, isIP } from 'node:net';

export const DEFAULT_TRUSTED_PROXIES = '127.0.0.1,::1,::ffff:127.0.0.1';

/**
 * A bare, canonical address or undefined: `::ffff:a.b.c.d` becomes `a.b.c.d` (Node reports IPv4
 * peers of a dual-stack socket that way), ports (`1.2.3.4:5678`, `[::1]:80`) and IPv6 zone ids
 * (`fe80::1%eth0`) are removed, anything that is not an IP address is rejected.
 */
export function normaliseAddress(value) {
  if (typeof value !== 'string') return undefined;
  let address = value.trim();
  if (address.startsWith('[')) {
    const end = address.indexOf(']');
    if (end < 0) return undefined;
    address = address.slice(1, end);
  } else if (address.includes('.') && address.indexOf(':') > 0 && address.indexOf(':') === address.lastIndexOf(':')) {
    address = address.slice(0, address.indexOf(':'));
  }
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1];
  return isIP(address) ? address.toLowerCase() : undefined;
}

/** Trusted proxies: comma-separated addresses or CIDR ranges (`10.0.0.0/8`). Throws on junk. */
export function parseTrustedProxies(list) {
  const blockList = new BlockList();
  for (const entry of String(list ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [rawAddress, prefix, extra] = entry.split('/');
    const address = normaliseAddress(rawAddress);
    const family = address && isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (!address || extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) {
      throw new Error(`ROUTER_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
    if (prefix === undefined) blockList.addAddress(address, family);
    else blockList.addSubnet(address, Number(prefix), family);
  }
  return (address) => blockList.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * `resolve(peer, forwardedFor)` is the pure rule; `of(request, serverContext)` applies it to a
 * request (the peer is the Node socket behind the Fetch request) and remembers the answer.
 */
export function createClientAddressResolver({ trustedProxies = DEFAULT_TRUSTED_PROXIES } = {}) {
  const isTrusted = parseTrustedProxies(trustedProxies);
  const known = new WeakMap();

  function resolve(peer, forwardedFor) {
    let hop = normaliseAddress(peer);
    if (!hop || !isTrusted(hop) || !forwardedFor) return hop;
    const entries = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
    for (let i = entries.length - 1; i >= 0; i--) {
      const address = normaliseAddress(entries[i]);
      // Garbage where a proxy should have written an address: stop at the last hop we trust.
      if (!address) return hop;
      if (!isTrusted(address)) return address;
      hop = address;
    }
    return hop; // every hop is one of ours: the request started inside
  }

  function of(request, serverContext) {
    if (known.has(request)) return known.get(request);
    const peer = serverContext?.req?.socket?.remoteAddress ?? serverContext?.socket?.remoteAddress;
    const address = resolve(peer, request.headers.get('x-forwarded-for'));
    known.set(request, address);
    return address;
  }

  return { resolve, of, isTrusted };
}
