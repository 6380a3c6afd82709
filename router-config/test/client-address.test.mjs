import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClientAddressResolver, normaliseAddress, parseTrustedProxies } from '../client-address.mjs';

test('normalises addresses: IPv4-mapped IPv6, ports, brackets, zone ids; rejects junk', () => {
  assert.equal(normaliseAddress('::ffff:203.0.113.9'), '203.0.113.9');
  assert.equal(normaliseAddress('::FFFF:127.0.0.1'), '127.0.0.1');
  assert.equal(normaliseAddress(' 203.0.113.9:5678 '), '203.0.113.9');
  assert.equal(normaliseAddress('[2001:db8::1]:443'), '2001:db8::1');
  assert.equal(normaliseAddress('2001:DB8::1'), '2001:db8::1');
  assert.equal(normaliseAddress('fe80::1%eth0'), 'fe80::1');
  for (const junk of ['', 'unknown', 'localhost', '300.1.1.1', '1.2.3', '<script>', undefined]) {
    assert.equal(normaliseAddress(junk), undefined, String(junk));
  }
});

test('the peer is the client unless it is a trusted proxy', () => {
  const { resolve } = createClientAddressResolver();
  assert.equal(resolve('198.51.100.4', '1.2.3.4'), '198.51.100.4', 'X-Forwarded-For from an untrusted peer is ignored');
  assert.equal(resolve('::ffff:198.51.100.4', undefined), '198.51.100.4');
  assert.equal(resolve('127.0.0.1', undefined), '127.0.0.1');
  assert.equal(resolve('::1', '203.0.113.5'), '203.0.113.5');
  assert.equal(resolve('::ffff:127.0.0.1', '203.0.113.5'), '203.0.113.5');
});

test('behind trusted proxies: the right-most address that is not a trusted proxy', () => {
  const { resolve } = createClientAddressResolver({ trustedProxies: '127.0.0.1, 10.0.0.0/8, 2001:db8:ff::/48' });
  // The client wrote "6.6.6.6" itself; 203.0.113.5 is what our first proxy saw.
  assert.equal(resolve('127.0.0.1', '6.6.6.6, 203.0.113.5, 10.1.2.3'), '203.0.113.5');
  assert.equal(resolve('10.9.9.9', '6.6.6.6,203.0.113.5'), '203.0.113.5');
  assert.equal(resolve('127.0.0.1', '203.0.113.5:61000'), '203.0.113.5');
  assert.equal(resolve('2001:db8:ff::7', '2001:db8:1::9'), '2001:db8:1::9');
  // Only trusted hops: the request started inside; the left-most hop is the client.
  assert.equal(resolve('127.0.0.1', '10.1.1.1, 10.2.2.2'), '10.1.1.1');
  // Junk where a proxy should have written an address: stop at the last trusted hop.
  assert.equal(resolve('127.0.0.1', '6.6.6.6, not-an-ip, 10.2.2.2'), '10.2.2.2');
  assert.equal(resolve('127.0.0.1', ''), '127.0.0.1');
});

test('no trusted proxies: X-Forwarded-For never counts', () => {
  const { resolve } = createClientAddressResolver({ trustedProxies: '' });
  assert.equal(resolve('127.0.0.1', '203.0.113.5'), '127.0.0.1');
});

test('a malformed ROUTER_TRUSTED_PROXIES stops start-up', () => {
  assert.throws(() => parseTrustedProxies('127.0.0.1, proxy.internal'), /ROUTER_TRUSTED_PROXIES: "proxy.internal"/);
  assert.throws(() => parseTrustedProxies('10.0.0.0/8/9'), /ROUTER_TRUSTED_PROXIES/);
});

test('remembers the answer per request and reads the socket behind it', () => {
  const { of } = createClientAddressResolver();
  const request = new Request('http://router/graphql', { headers: { 'x-forwarded-for': '203.0.113.8' } });
  assert.equal(of(request, { req: { socket: { remoteAddress: '::ffff:127.0.0.1' } } }), '203.0.113.8');
  assert.equal(of(request, {}), '203.0.113.8');
  assert.equal(of(new Request('http://router/graphql'), {}), undefined);
});
