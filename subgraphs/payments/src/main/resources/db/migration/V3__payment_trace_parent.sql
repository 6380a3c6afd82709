-- The traceparent of the StockReserved handling that created the payment: the processing loop
-- calls the card processor in that trace, so a checkout stays one trace through the processor.
ALTER TABLE payments ADD COLUMN trace_parent text;
