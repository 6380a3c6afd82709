// Composes the supergraph from the subgraphs' schema files (the contracts in the repository)
// with @theguild/federation-composition, the Federation 2 composition library Hive uses.
// A composition error is fatal: the messages are printed and the exit code is 1, so
// `./platform up` stops instead of starting a router on a stale or partial graph.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));

/** Subgraphs from subgraphs.json; STOREFRONT_<NAME>_URL overrides a routing URL. */
export function loadSubgraphs(listFile = resolve(here, 'subgraphs.json'), env = process.env) {
  const list = JSON.parse(readFileSync(listFile, 'utf8'));
  return list.map(({ name, url, schema }) => ({
    name,
    url: env[`STOREFRONT_${name.toUpperCase()}_URL`] ?? url,
    typeDefs: readFileSync(resolve(dirname(listFile), schema), 'utf8'),
  }));
}

/** Returns { supergraphSdl } or { errors: [message, ...] }. */
export function composeSupergraph(subgraphs) {
  const errors = [];
  const services = [];
  for (const { name, url, typeDefs } of subgraphs) {
    try {
      services.push({ name, url, typeDefs: parse(typeDefs) });
    } catch (error) {
      errors.push(`[${name}] ${error.message}`);
    }
  }
  if (errors.length > 0) {
    return { errors };
  }
  const result = composeServices(services);
  if (result.errors && result.errors.length > 0) {
    return { errors: result.errors.map((error) => error.message) };
  }
  return { supergraphSdl: result.supergraphSdl };
}

function main() {
  const output = resolve(here, process.argv[2] ?? 'supergraph.graphql');
  const subgraphs = loadSubgraphs();
  const { supergraphSdl, errors } = composeSupergraph(subgraphs);
  if (errors) {
    console.error(`Supergraph composition failed (${errors.length} error(s)):`);
    for (const message of errors) {
      console.error(`  - ${message}`);
    }
    process.exit(1);
  }
  // Write then rename, so a running router never reads a half-written file.
  writeFileSync(`${output}.tmp`, supergraphSdl);
  renameSync(`${output}.tmp`, output);
  console.log(`Composed ${subgraphs.map((s) => s.name).join(', ')} into ${output}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
