#!/usr/bin/env node
// Command-line client of the Storefront schema registry, for people and CI pipelines.
// Exit codes: 0 accepted, 1 rejected by the registry's checks or refused (401/403), 2 usage or
// connection error. Writes need a principal's token: --token or STOREFRONT_REGISTRY_TOKEN.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `usage: registry <command> [options]   (registry: $STOREFRONT_REGISTRY_URL or --registry URL;
                                       credential: $STOREFRONT_REGISTRY_TOKEN or --token TOKEN)
  publish  NAME --schema FILE --url URL [--label TEXT] [--accept-breaking] [--summary] [--json]
  check    NAME --schema FILE --url URL [--accept-breaking]     dry run: nothing is stored
  rollback NAME VERSION [--accept-breaking]
  history  NAME                                                  versions of a subgraph
  diff     NAME FROM TO                                          changes between two versions
  fetch    [--output FILE]                                       the current supergraph
  manifest CLIENT VERSION FILE                                   register a persisted query manifest
  retire   CLIENT VERSION                                        delete a client version's manifest (admin)
  writes   [NAME]                                                who wrote what, newest first

  publish and check need the subgraph's own token, manifest the client's, rollback and retire
  the administrator's.`;

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    registry: { type: 'string', default: process.env.STOREFRONT_REGISTRY_URL ?? 'http://127.0.0.1:4010' },
    token: { type: 'string', default: process.env.STOREFRONT_REGISTRY_TOKEN },
    schema: { type: 'string' },
    url: { type: 'string' },
    label: { type: 'string' },
    output: { type: 'string' },
    'accept-breaking': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    summary: { type: 'boolean', default: false },
  },
});

const color = process.stdout.isTTY ? (code, text) => `\x1b[${code}m${text}\x1b[0m` : (_code, text) => text;
const red = (t) => color(31, t);
const green = (t) => color(32, t);
const yellow = (t) => color(33, t);

function fail(message, code = 2) {
  console.error(`registry: ${message}`);
  process.exit(code);
}

async function call(method, path, body) {
  let response;
  try {
    const headers = body ? { 'content-type': 'application/json' } : {};
    if (options.token?.trim()) headers.authorization = `Bearer ${options.token.trim()}`;
    response = await fetch(`${options.registry}${path}`, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    fail(`cannot reach the registry at ${options.registry}: ${error.cause?.code ?? error.message}`);
  }
  const text = await response.text();
  if (response.status === 401 || response.status === 403) {
    let detail = text;
    try {
      detail = JSON.parse(text).detail ?? text;
    } catch {
      // not JSON: print it as it is
    }
    fail(`the registry refused this (HTTP ${response.status}): ${detail}`, 1);
  }
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // plain text answers (the supergraph)
  }
  return { status: response.status, json, text };
}

function printReport(report) {
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const accepted = report.status !== 'REJECTED';
  console.log(`${accepted ? green(report.status) : red(report.status)}  ${report.subgraph}: ${report.message}`);
  for (const error of report.compositionErrors ?? []) {
    console.log(`  ${red('composition')}  ${error.message}`);
  }
  const order = { BREAKING: 0, DANGEROUS: 1, SAFE: 2 };
  const paint = { BREAKING: red, DANGEROUS: yellow, SAFE: green };
  const changes = [...(report.changes ?? [])].sort((a, b) => order[a.criticality] - order[b.criticality]);
  const safe = changes.filter((change) => change.criticality === 'SAFE').length;
  for (const change of changes) {
    if (options.summary && change.criticality === 'SAFE') continue;
    console.log(`  ${paint[change.criticality](change.criticality.padEnd(9))}  ${change.message}`);
  }
  if (options.summary && safe > 0) console.log(`  ${green('SAFE')}       ${safe} change(s)`);
  for (const operation of report.brokenOperations ?? []) {
    console.log(`  ${red('breaks')}     ${operation.client}@${operation.clientVersion} ${operation.name ?? operation.id}: ${operation.errors.join('; ')}`);
  }
}

async function publishOrCheck(kind) {
  const [name] = positionals.slice(1);
  if (!name || !options.schema || !options.url) fail(`${kind} needs NAME --schema FILE --url URL\n${USAGE}`);
  let sdl;
  try {
    sdl = readFileSync(options.schema, 'utf8');
  } catch (error) {
    fail(`cannot read ${options.schema}: ${error.message}`);
  }
  const { status, json, text } = await call('POST', `/subgraphs/${encodeURIComponent(name)}/${kind}`, {
    url: options.url,
    sdl,
    label: options.label,
    acceptBreaking: options['accept-breaking'],
  });
  if (json?.status) {
    printReport(json);
    process.exit(json.status === 'REJECTED' ? 1 : 0);
  }
  fail(`${kind} failed (HTTP ${status}): ${json?.detail ?? text}`, status >= 400 && status < 500 ? 1 : 2);
}

async function main() {
  const command = positionals[0];
  switch (command) {
    case 'publish':
    case 'check':
      return publishOrCheck(command);
    case 'rollback': {
      const [, name, version] = positionals;
      if (!name || !version) fail(`rollback needs NAME VERSION\n${USAGE}`);
      const { status, json, text } = await call('POST', `/subgraphs/${encodeURIComponent(name)}/rollback`, {
        version: Number(version),
        acceptBreaking: options['accept-breaking'],
      });
      if (json?.status) {
        printReport(json);
        process.exit(json.status === 'REJECTED' ? 1 : 0);
      }
      return fail(`rollback failed (HTTP ${status}): ${json?.detail ?? text}`, 1);
    }
    case 'history': {
      const [, name] = positionals;
      if (!name) fail(`history needs NAME\n${USAGE}`);
      const { status, json, text } = await call('GET', `/subgraphs/${encodeURIComponent(name)}/versions`);
      if (status !== 200) fail(json?.detail ?? text, 1);
      for (const v of json) console.log(`v${v.version}  ${v.createdAt}  ${v.publishedBy ?? '-'}  ${v.routingUrl}  ${v.label ?? ''}`);
      return;
    }
    case 'diff': {
      const [, name, from, to] = positionals;
      if (!name || !from || !to) fail(`diff needs NAME FROM TO\n${USAGE}`);
      const { status, json, text } = await call('GET', `/subgraphs/${encodeURIComponent(name)}/diff?from=${from}&to=${to}`);
      if (status !== 200) fail(json?.detail ?? text, 1);
      if (json.changes.length === 0) console.log('no changes');
      for (const c of json.changes) console.log(`${c.criticality.padEnd(9)}  ${c.message}`);
      return;
    }
    case 'fetch': {
      const { status, text, json } = await call('GET', '/supergraph');
      if (status !== 200) fail(json?.detail ?? text, 1);
      if (options.output) writeFileSync(options.output, text);
      else process.stdout.write(text);
      return;
    }
    case 'manifest': {
      const [, client, version, file] = positionals;
      if (!client || !version || !file) fail(`manifest needs CLIENT VERSION FILE\n${USAGE}`);
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        fail(`cannot read ${file} as JSON: ${error.message}`);
      }
      const { status, json, text } = await call('PUT', `/clients/${encodeURIComponent(client)}/versions/${encodeURIComponent(version)}/manifest`, manifest);
      if (status === 200) {
        console.log(`${green('REGISTERED')}  ${client}@${version}: ${json.operations} operation(s)`);
        return;
      }
      console.log(`${red('REJECTED')}  ${json?.message ?? json?.detail ?? text}`);
      for (const p of json?.problems ?? []) console.log(`  ${p.name ?? p.id}: ${p.errors.join('; ')}`);
      process.exit(1);
    }
    case 'retire': {
      const [, client, version] = positionals;
      if (!client || !version) fail(`retire needs CLIENT VERSION\n${USAGE}`);
      const { status, json, text } = await call('DELETE', `/clients/${encodeURIComponent(client)}/versions/${encodeURIComponent(version)}`);
      if (status !== 200) fail(json?.detail ?? text, 1);
      console.log(`${green('RETIRED')}  ${client}@${version}: ${json.retiredOperations} operation(s)`);
      return;
    }
    case 'writes': {
      const [, target] = positionals;
      const query = target ? `?target=${encodeURIComponent(target)}` : '';
      const { status, json, text } = await call('GET', `/writes${query}`);
      if (status !== 200) fail(json?.detail ?? text, 1);
      for (const w of json) console.log(`${w.at}  ${w.actor.padEnd(14)}  ${w.action.padEnd(17)}  ${w.target}  ${w.status}  ${w.outcome}`);
      return;
    }
    default:
      console.error(USAGE);
      process.exit(command ? 2 : 0);
  }
}

await main();
