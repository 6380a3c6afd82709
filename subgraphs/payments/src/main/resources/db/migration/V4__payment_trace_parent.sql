-- The W3C traceparent of the checkout that asked for the payment: the processing loop charges it
-- in that trace, so the card processor's call and its webhook join the checkout's trace.
ALTER TABLE payments ADD COLUMN trace_parent text;
