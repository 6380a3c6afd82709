// The schema registry's composition runner. The registry (Java) writes one JSON request to
// stdin and reads one JSON answer from stdout; the answer always has the same shape, and a
// failure of this process itself is reported with a non-zero exit code and a message on stderr.
//
// Requests:
//   { "task": "compose", "subgraphs": [{ name, url, sdl }], "previousApiSdl": string|null,
//     "operations": [{ client, clientVersion, id, name, body }] }
//     -> { composed, errors: [{ message, subgraph? }], supergraphSdl, apiSdl,
//          changes: [{ criticality, type, message, path }], brokenOperations: [...] }
//   { "task": "validate-operations", "apiSdl": string, "operations": [...] }
//     -> { brokenOperations: [{ client, clientVersion, id, name, errors: [message] }] }
//   { "task": "diff-subgraph", "from": sdl, "to": sdl }
//     -> { changes: [...] }
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { composeServices } from '@theguild/federation-composition';
import { buildSchema, parse, validate } from 'graphql';

const CRITICALITY = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};

// Enough of the federation vocabulary to read a subgraph schema as a plain GraphQL schema, so
// two versions of one subgraph can be diffed without composing them with the others.
const FEDERATION_PRELUDE = `
  scalar FieldSet scalar link__Import scalar federation__FieldSet scalar federation__Scope scalar federation__Policy
  enum link__Purpose { SECURITY EXECUTION }
  directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
  directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  directive @requires(fields: FieldSet!) on FIELD_DEFINITION
  directive @provides(fields: FieldSet!) on FIELD_DEFINITION
  directive @external on OBJECT | FIELD_DEFINITION
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
  directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
  directive @tag(name: String!) repeatable on FIELD_DEFINITION | INTERFACE | OBJECT | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
  directive @override(from: String!, label: String) on FIELD_DEFINITION
  directive @interfaceObject on OBJECT
  directive @composeDirective(name: String!) repeatable on SCHEMA
  directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @requiresScopes(scopes: [[federation__Scope!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @policy(policies: [[federation__Policy!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @extends on OBJECT | INTERFACE
`;

function describe(change) {
  return {
    criticality: CRITICALITY[change.criticality.level] ?? 'SAFE',
    type: change.type,
    message: change.message,
    path: change.path ?? null,
    reason: change.criticality.reason ?? null,
  };
}

async function schemaChanges(fromSdl, toSdl) {
  if (!fromSdl) {
    return [];
  }
  const changes = await diff(buildSchema(fromSdl), buildSchema(toSdl));
  return changes.map(describe);
}

function checkOperations(apiSdl, operations) {
  const schema = buildSchema(apiSdl);
  const broken = [];
  for (const operation of operations ?? []) {
    let errors;
    try {
      errors = validate(schema, parse(operation.body)).map((error) => error.message);
    } catch (error) {
      errors = [error.message];
    }
    if (errors.length > 0) {
      broken.push({
        client: operation.client,
        clientVersion: operation.clientVersion,
        id: operation.id,
        name: operation.name ?? null,
        errors,
      });
    }
  }
  return broken;
}

async function compose({ subgraphs, previousApiSdl, operations }) {
  const errors = [];
  const services = [];
  for (const { name, url, sdl } of subgraphs) {
    try {
      services.push({ name, url, typeDefs: parse(sdl) });
    } catch (error) {
      errors.push({ subgraph: name, message: `[${name}] ${error.message}` });
    }
  }
  if (errors.length === 0) {
    const result = composeServices(services);
    if (result.errors?.length) {
      errors.push(...result.errors.map((error) => ({ message: error.message })));
    } else {
      return {
        composed: true,
        errors: [],
        supergraphSdl: result.supergraphSdl,
        apiSdl: result.publicSdl,
        changes: await schemaChanges(previousApiSdl, result.publicSdl),
        brokenOperations: checkOperations(result.publicSdl, operations),
      };
    }
  }
  return { composed: false, errors, supergraphSdl: null, apiSdl: null, changes: [], brokenOperations: [] };
}

async function diffSubgraph({ from, to }) {
  const build = (sdl) => buildSchema(`${FEDERATION_PRELUDE}\n${sdl}`, { assumeValidSDL: true });
  const changes = await diff(build(from), build(to));
  return { changes: changes.map(describe) };
}

async function handle(request) {
  switch (request.task) {
    case 'compose':
      return compose(request);
    case 'validate-operations':
      return { brokenOperations: checkOperations(request.apiSdl, request.operations) };
    case 'diff-subgraph':
      return diffSubgraph(request);
    default:
      throw new Error(`unknown task: ${request.task}`);
  }
}

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
try {
  const answer = await handle(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  process.stdout.write(JSON.stringify(answer));
} catch (error) {
  process.stderr.write(`composition runner failed: ${error.stack ?? error}\n`);
  process.exit(1);
}
