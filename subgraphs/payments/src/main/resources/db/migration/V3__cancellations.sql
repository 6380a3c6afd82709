-- Orders cancels an order it gave up on (OrderCancelled): a PENDING payment is stopped (its intent
-- cancelled, then FAILED as order_cancelled), an AUTHORIZED one voided at the processor (VOIDED).
-- The processor is called by the processing loop, never in the event's transaction:
-- cancel_requested marks the payments it has to stop.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
  CHECK (status IN ('PENDING', 'AUTHORIZED', 'FAILED', 'VOIDED'));
ALTER TABLE payments ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false;
-- Until when an instance works on the payment: a cancellation arriving meanwhile waits for that
-- work to end instead of letting a second instance act on the payment at the same time.
ALTER TABLE payments ADD COLUMN leased_until timestamptz;

DROP INDEX payments_due;
CREATE INDEX payments_due ON payments (next_attempt_at)
  WHERE status = 'PENDING' OR (status = 'AUTHORIZED' AND cancel_requested);

-- Orders cancelled before their payment existed: a late StockReserved creates none.
CREATE TABLE cancelled_orders (
  order_id     uuid PRIMARY KEY,
  reason       text,
  cancelled_at timestamptz NOT NULL DEFAULT now()
);
