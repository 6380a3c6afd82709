// Read benchmark: the same anonymous queries straight to a subgraph and through the router, one
// after the other, with wrk (the lightest load generator here; ./platform installs it).
//   ./platform bench storefront [seconds] [connections]
// 1. the catalog-only page, direct to catalog (with the router's shared secret, as the router
//    calls it) and then through the router: requests/s, p50/p99 and the router/direct ratio;
// 2. the storefront query of the README (catalog, inventory, reviews, accounts) through the
//    router, at twice the connections.
// Each phase runs a 10 s warm-up first. A reply counts as failed unless it is HTTP 200 without
// "errors" in its body (GraphQL errors come with 200). Requests carry X-Forwarded-For addresses
// from 10.0.0.0/8: the router believes them from 127.0.0.1 (a trusted proxy), so its per-address
// rate limit sees many shoppers, as in production, and is checked (and costs) as it would be.
// CPU per request of each process (cpu.mjs) is printed next to each phase.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSnapshot, cpuUsed } from './cpu.mjs';

const ROUTER = process.env.ROUTER_URL ?? 'http://127.0.0.1:4000/graphql';
const CATALOG = process.env.CATALOG_URL ?? 'http://127.0.0.1:4002/graphql';
const SECONDS = Number(process.argv[2] ?? 20);
const CONNECTIONS = Number(process.argv[3] ?? 16);
const WARM_UP_SECONDS = 10;
const SECRET = readFileSync(new URL('../.run/router-secret', import.meta.url), 'utf8').trim();

const CATALOG_PAGE = '{ products(first: 20) { edges { node { id name price { amount currencyCode } } } } }';
const STOREFRONT = `{ products(first: 5) { edges { node { name price { amount currencyCode } inStock
  shippingEstimate { amount } averageRating
  reviews(first: 2) { edges { node { rating author { displayName } } } } } }
  pageInfo { hasNextPage endCursor } } }`;

const luaString = (text) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;

// Counters live in each wrk thread; done() adds them up and prints one JSON line.
function script(query, headers) {
  return `
wrk.method = "POST"
wrk.body = ${luaString(JSON.stringify({ query }))}
wrk.headers["content-type"] = "application/json"
${Object.entries(headers).map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`).join('\n')}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) failed = 0; n = 0; seed = math.random(0, 255) end
function request()
  n = n + 1
  wrk.headers["x-forwarded-for"] = "10." .. seed .. "." .. (math.floor(n / 250) % 250) .. "." .. (n % 250 + 1)
  return wrk.format()
end
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then failed = failed + 1 end
end
function done(summary, latency, requests)
  local f = 0
  for _, t in ipairs(threads) do f = f + t:get("failed") end
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"micros":%d,"failed":%d,"socketErrors":%d,"p50":%.2f,"p99":%.2f}\\n',
    summary.requests, summary.duration, f, e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
`;
}

const dir = mkdtempSync(join(tmpdir(), 'storefront-bench-'));
function wrk(url, file, seconds, connections) {
  const run = spawnSync('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', '-s', file, url], { encoding: 'utf8' });
  const line = run.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
  if (run.status !== 0 || !line) throw new Error(`wrk failed (exit ${run.status}): ${run.stderr || run.stdout}`);
  const result = JSON.parse(line.slice(7));
  return { ...result, rps: result.requests / (result.micros / 1e6) };
}

// Fails fast, with the answer, when a query does not work at all (before any load).
async function check(url, query, headers) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const body = await response.text();
  if (response.status !== 200 || body.includes('"errors"')) throw new Error(`${url}: HTTP ${response.status} ${body.slice(0, 300)}`);
}

function phase(label, url, query, headers, connections) {
  const file = join(dir, 'script.lua');
  writeFileSync(file, script(query, headers));
  wrk(url, file, WARM_UP_SECONDS, connections);
  const before = cpuSnapshot();
  const result = wrk(url, file, SECONDS, connections);
  const used = cpuUsed(before, cpuSnapshot()).filter(([, ms]) => ms >= 0.05 * result.requests);
  console.log(`${label}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, `
    + `${result.failed + result.socketErrors} failed of ${result.requests}`);
  console.log('  CPU ms per request: ' + used.map(([name, ms]) => `${name} ${(ms / result.requests).toFixed(2)}`).join(', '));
  return result;
}

try {
  const direct = { 'x-storefront-router-secret': SECRET };
  await check(CATALOG, CATALOG_PAGE, direct);
  await check(ROUTER, CATALOG_PAGE, {});
  await check(ROUTER, STOREFRONT, {});
  console.log(`storefront benchmark: ${SECONDS}s per phase after ${WARM_UP_SECONDS}s of warm-up, wrk with 2 threads`);
  const a = phase(`catalog page, direct, ${CONNECTIONS} connections`, CATALOG, CATALOG_PAGE, direct, CONNECTIONS);
  const b = phase(`catalog page, router, ${CONNECTIONS} connections`, ROUTER, CATALOG_PAGE, {}, CONNECTIONS);
  console.log(`router/direct: ${(100 * b.rps / a.rps).toFixed(0)} % of the throughput, p99 ${(b.p99 / a.p99).toFixed(1)}×`);
  const c = phase(`storefront query, router, ${2 * CONNECTIONS} connections`, ROUTER, STOREFRONT, {}, 2 * CONNECTIONS);
  const failed = [a, b, c].reduce((sum, r) => sum + r.failed + r.socketErrors, 0);
  process.exitCode = failed === 0 ? 0 : 1;
  if (failed) console.log(`FAIL  ${failed} failed requests`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
