-- The W3C traceparent of the span that recorded the event: the relay publishes the event in a
-- child span, so the consumers' work joins the trace of the request that caused it.
ALTER TABLE outbox ADD COLUMN trace_parent text;
