// Checkout benchmark: drives checkouts through the router for a while, then checks the invariants.
//   ./platform bench checkout [seconds] [clients]
// CPU time of each process the launcher started, of PostgreSQL's backends and of this load
// generator is read from /proc before and after the run (cpu.mjs) and printed per order.
// Each client is one shopper at a time (users 1..500 of the demo accounts, signed in through the
// router before the clock starts; the administrator sets the stock): clear cart, add 1-3
// units of a random bench product, check out with a fresh idempotency key. Printed: orders placed
// per second, checkout latency (p50/p99), time until each order was final, and invariant checks.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpuSnapshot, cpuUsed as cpuBetween } from './cpu.mjs';

const ROUTER = process.env.ROUTER_URL ?? 'http://127.0.0.1:4000/graphql';
const SANDBOX = process.env.SANDBOX_URL ?? 'http://127.0.0.1:4090';
// The sandbox's admin API takes the token ./platform generated for it (a sandbox started before
// tokens existed has no file and needs none; a refusal stops the bench with the sandbox's answer).
const ADMIN_TOKEN_FILE = new URL('../.run/sandbox-admin-token', import.meta.url);
const ADMIN_TOKEN = process.env.SANDBOX_ADMIN_TOKEN
  ?? (existsSync(ADMIN_TOKEN_FILE) ? readFileSync(ADMIN_TOKEN_FILE, 'utf8').trim() : '');
const SANDBOX_ADMIN = ADMIN_TOKEN ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {};
const PG = ['-h', process.env.STOREFRONT_DATABASE_HOST ?? '127.0.0.1', '-p', process.env.STOREFRONT_DATABASE_PORT ?? '5432',
  '-U', process.env.STOREFRONT_DATABASE_USERNAME ?? 'postgres', '-tAq'];
const SECONDS = Number(process.argv[2] ?? 60);
const CLIENTS = Number(process.argv[3] ?? 16);
const PRODUCTS = ['9961', '9962', '9963', '9964', '9966', '9967', '9968', '9969'];
const STOCK = 100_000;
const RUN = `bench-${Date.now()}`;

const tokens = new Map();

async function request(token, query, variables) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(ROUTER, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors[0]));
  return body.data;
}

async function signIn(email, password) {
  const data = await request(null, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password });
  return data.login.accessToken;
}

const gql = (user, query, variables = {}) => request(tokens.get(user), query, variables);

async function sandboxAdmin(path, init = {}) {
  const response = await fetch(`${SANDBOX}${path}`, { ...init, headers: { ...init.headers, ...SANDBOX_ADMIN } });
  if (!response.ok) throw new Error(`sandbox ${path}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

const sql = (db, query) => execFileSync('psql', [...PG, '-d', db, '-c', query], { encoding: 'utf8' }).trim();
const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;

tokens.set('admin', await signIn('admin@example.com', 'storefront-admin'));
const shoppers = sql('accounts', 'SELECT id, email FROM users WHERE id BETWEEN 1 AND 500 ORDER BY id')
  .split('\n').map((line) => line.split('|'));
for (let i = 0; i < shoppers.length; i += 16) {
  await Promise.all(shoppers.slice(i, i + 16).map(async ([id, email]) => tokens.set(id, await signIn(email, 'storefront-demo'))));
}
for (const id of PRODUCTS) {
  await gql('admin', 'mutation($p: ID!, $n: Int!) { setStockLevel(productId: $p, onHand: $n) { id } }', { p: id, n: STOCK });
}
await sandboxAdmin('/sandbox/config', { method: 'PUT', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ latencyMs: 200, apiLatencyMs: 0, declineRate: 0.05, errorRate: 0, outage: false }) });
console.log(`checkout benchmark: ${SECONDS}s, ${CLIENTS} clients, ${PRODUCTS.length} products, 5% of cards declined`);

const latencies = [];
const orderIds = [];
let failures = 0;
const deadline = Date.now() + SECONDS * 1000;
async function client(index) {
  let n = 0;
  while (Date.now() < deadline) {
    const user = String(1 + ((index + n * CLIENTS) % 500));
    n++;
    try {
      await gql(user, 'mutation { clearCart { totalQuantity } }');
      const product = PRODUCTS[Math.floor(Math.random() * PRODUCTS.length)];
      await gql(user, 'mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { totalQuantity } }',
        { p: product, q: 1 + Math.floor(Math.random() * 3) });
      const started = performance.now();
      const data = await gql(user,
        'mutation($k: String!) { checkout(input: {idempotencyKey: $k, shippingAddress: {name: "Bench", line1: "1 Load St", postalCode: "1", city: "Bench", country: "DE"}}) { id } }',
        { k: `${RUN}-${randomUUID()}` });
      latencies.push(performance.now() - started);
      orderIds.push(data.checkout.id);
    } catch (e) {
      failures++;
      if (failures <= 3) console.log('  checkout failed:', e.message.slice(0, 200));
    }
  }
}
const cpuBefore = cpuSnapshot();
const t0 = performance.now();
await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
const elapsed = (performance.now() - t0) / 1000;
const cpuAfter = cpuSnapshot();
latencies.sort((a, b) => a - b);
console.log(`placed ${orderIds.length} orders in ${elapsed.toFixed(1)}s: ${(orderIds.length / elapsed).toFixed(1)} orders/s`
  + ` (${(orderIds.length / elapsed * 60).toFixed(0)}/min), ${failures} failed requests`);
console.log(`checkout latency: p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms`);

// CPU per order while the clients ran (the saga's tail after the clock stopped is not counted;
// PostgreSQL backends that ended during the run are missed).
const cpuUsed = cpuBetween(cpuBefore, cpuAfter);
const perOrder = (ms) => (orderIds.length ? ms / orderIds.length : NaN).toFixed(1);
const platformMs = cpuUsed.filter(([name]) => name !== 'load generator').reduce((sum, [, ms]) => sum + ms, 0);
console.log(`CPU per order: ${perOrder(platformMs)} ms in the platform (${(platformMs / elapsed / 10).toFixed(0)} % of one core), by process:`);
console.log('  ' + cpuUsed.map(([name, ms]) => `${name} ${perOrder(ms)}`).join(', '));

// Invariants, once the saga has settled.
const where = `idempotency_key LIKE '${RUN}-%'`;
let open = -1;
for (let i = 0; i < 120; i++) {
  open = Number(sql('orders', `SELECT count(*) FROM orders WHERE ${where} AND status NOT IN ('CONFIRMED','PAYMENT_FAILED','REJECTED','CANCELLED')`));
  if (open === 0) break;
  await new Promise(r => setTimeout(r, 1000));
}
const statuses = sql('orders', `SELECT status || '=' || count(*) FROM orders WHERE ${where} GROUP BY status ORDER BY 1`).split('\n').join(' ');
const settle = sql('orders', `SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) || ' ms, p99 ' || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)) || ' ms' FROM (SELECT extract(epoch FROM (updated_at - created_at)) * 1000 AS ms FROM orders WHERE ${where} AND status = 'CONFIRMED') t`);
console.log(`orders: ${statuses}; placed → CONFIRMED: p50 ${settle}`);
const sold = Object.fromEntries(sql('orders', `SELECT i.product_id || '=' || sum(i.quantity) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.${where} AND o.status = 'CONFIRMED' GROUP BY i.product_id`)
  .split('\n').filter(Boolean).map(line => line.split('=')));
let stockOk = true;
for (const id of PRODUCTS) {
  const [onHand, reserved] = sql('inventory', `SELECT on_hand || ' ' || reserved FROM stock_levels WHERE product_id = ${id}`).split(' ').map(Number);
  if (onHand !== STOCK - Number(sold[id] ?? 0) || reserved !== 0) {
    stockOk = false;
    console.log(`  product ${id}: on hand ${onHand}, reserved ${reserved}, sold ${sold[id] ?? 0}`);
  }
}
const confirmed = new Set(sql('orders', `SELECT id FROM orders WHERE ${where} AND status = 'CONFIRMED'`).split('\n').filter(Boolean));
const intents = await (await sandboxAdmin('/sandbox/payment_intents')).json();
const charges = new Map();
for (const intent of intents) if (intent.status === 'succeeded') charges.set(intent.reference, (charges.get(intent.reference) ?? 0) + 1);
let doubleCharged = 0, chargedNotConfirmed = 0, confirmedNotCharged = 0;
for (const [order, count] of charges) {
  if (count > 1) doubleCharged++;
  if (orderIds.includes(order) && !confirmed.has(order)) chargedNotConfirmed++;
}
for (const order of confirmed) if (!charges.has(order)) confirmedNotCharged++;
const checks = [
  ['every order final', open === 0],
  ['stock on hand = start - units confirmed, nothing left reserved', stockOk],
  ['no order charged twice', doubleCharged === 0],
  ['every CONFIRMED order charged once, no other order charged', chargedNotConfirmed === 0 && confirmedNotCharged === 0],
];
for (const [name, ok] of checks) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${name}`);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
