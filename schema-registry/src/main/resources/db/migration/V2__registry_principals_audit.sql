-- Who made each stored version: the principal whose token the write carried. Rows from before
-- principals existed have none.
ALTER TABLE schema_versions ADD COLUMN published_by text;
ALTER TABLE supergraph_versions ADD COLUMN published_by text;
ALTER TABLE client_operations ADD COLUMN registered_by text;

-- Every write the registry was asked for, accepted, rejected or refused, with who and when.
-- Rows are never updated. Refused writes (401/403) need no credential to cause, so only the
-- newest of them are kept (WriteLog.KEPT_REFUSALS); the others stay.
CREATE TABLE registry_writes (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  actor    text NOT NULL,
  action   text NOT NULL,
  target   text NOT NULL,
  status   integer NOT NULL,
  outcome  text NOT NULL,
  refused  boolean NOT NULL DEFAULT false
);
CREATE INDEX registry_writes_by_target ON registry_writes (target, id);
CREATE INDEX registry_writes_refused ON registry_writes (id) WHERE refused;
