-- Events written in the same transaction as the state change they record; the relay publishes
-- rows with published_at NULL to the service's Redis stream, oldest first.
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  event_id     uuid        NOT NULL UNIQUE,
  type         text        NOT NULL,
  aggregate_id text        NOT NULL,
  payload      jsonb       NOT NULL,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- One row per event a consumer group has handled: inserted in the handler's transaction, so a
-- redelivered event is recognised and skipped (exactly once in effect).
CREATE TABLE processed_messages (
  consumer_group text        NOT NULL,
  event_id       uuid        NOT NULL,
  processed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
