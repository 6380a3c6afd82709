CREATE TABLE subgraphs (
  name            text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
  current_version integer,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Every accepted schema of every subgraph, numbered per subgraph. Rows are never updated.
CREATE TABLE schema_versions (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subgraph     text NOT NULL REFERENCES subgraphs (name),
  version      integer NOT NULL,
  routing_url  text NOT NULL,
  sdl          text NOT NULL,
  sdl_sha256   text NOT NULL,
  label        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subgraph, version)
);

-- Every supergraph the registry composed, with the subgraph versions it was built from.
CREATE TABLE supergraph_versions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  supergraph    text NOT NULL,
  api_sdl       text NOT NULL,
  sha256        text NOT NULL,
  composed_from jsonb NOT NULL,
  reason        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Client operations (persisted documents), registered per client version.
CREATE TABLE client_operations (
  client         text NOT NULL,
  client_version text NOT NULL,
  operation_id   text NOT NULL CHECK (operation_id ~ '^[0-9a-f]{64}$'),
  name           text,
  type           text NOT NULL,
  body           text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client, client_version, operation_id)
);
CREATE INDEX client_operations_by_id ON client_operations (operation_id);
