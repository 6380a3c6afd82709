-- The W3C traceparent of the span that wrote the event (NULL when untraced): the relay copies it
-- onto the stream entry, so the consumers' handling continues the writer's trace.
ALTER TABLE outbox ADD COLUMN trace_parent text;
