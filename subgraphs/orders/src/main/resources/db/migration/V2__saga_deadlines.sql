-- CANCELLED: the saga gave up on the order (a step missed its deadline, or its stock was released
-- before it was paid). Final, like CONFIRMED, PAYMENT_FAILED and REJECTED.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('PENDING', 'RESERVED', 'AUTHORIZED', 'CONFIRMED', 'PAYMENT_FAILED', 'REJECTED',
                    'CANCELLED'));

-- When inventory and payments were last asked about a stalled order (OrderReconciliationRequested):
-- the deadline loop asks again at most every orders.saga.reconcile-after. updated_at is when the
-- status last changed, from which every deadline counts.
ALTER TABLE orders ADD COLUMN reconcile_requested_at timestamptz;

-- The deadline loop looks only at orders still under way, the longest-waiting first.
CREATE INDEX orders_in_progress ON orders (updated_at)
  WHERE status IN ('PENDING', 'RESERVED', 'AUTHORIZED');
