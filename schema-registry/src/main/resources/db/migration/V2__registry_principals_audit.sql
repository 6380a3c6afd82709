-- Who made each stored version: the principal whose token the write carried. Rows from before
-- principals existed have none.
ALTER TABLE schema_versions ADD COLUMN published_by text;
ALTER TABLE supergraph_versions ADD COLUMN published_by text;
ALTER TABLE client_operations ADD COLUMN registered_by text;

-- Every write the registry was asked for, accepted, rejected or refused, with who and when.
-- Rows are never updated.
CREATE TABLE registry_writes (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  actor    text NOT NULL,
  action   text NOT NULL,
  target   text NOT NULL,
  status   integer NOT NULL,
  outcome  text NOT NULL
);
CREATE INDEX registry_writes_by_target ON registry_writes (target, id);
