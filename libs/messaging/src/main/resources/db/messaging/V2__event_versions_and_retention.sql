-- The payload's contract version travels with each event (header event-version), so consumers
-- can tell old payloads from new ones.
ALTER TABLE outbox ADD COLUMN version integer NOT NULL DEFAULT 1;

-- Retention deletes published rows and processed-message rows older than 7 days, oldest first.
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX processed_messages_by_age ON processed_messages (processed_at);
