-- One payment per order. The payment's id is the idempotency key of every call to the processor,
-- so a retried or repeated call can never charge twice.
CREATE TABLE payments (
  id              uuid PRIMARY KEY,
  order_id        uuid          NOT NULL UNIQUE,
  user_id         text          NOT NULL,
  amount          numeric(12,2) NOT NULL CHECK (amount > 0),
  currency_code   char(3)       NOT NULL,
  status          text          NOT NULL CHECK (status IN ('PENDING', 'AUTHORIZED', 'FAILED')),
  intent_id       text,
  failure_reason  text,
  -- An earlier call may have reached the processor without us seeing the answer: the payment
  -- cannot fail before the processor has been asked again (with the same key).
  outcome_unknown boolean       NOT NULL DEFAULT false,
  attempts        integer       NOT NULL DEFAULT 0,
  next_attempt_at timestamptz   NOT NULL DEFAULT now(),
  deadline_at     timestamptz   NOT NULL,
  created_at      timestamptz   NOT NULL DEFAULT now(),
  updated_at      timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX payments_due ON payments (next_attempt_at) WHERE status = 'PENDING';

-- Webhook events already processed: a replayed delivery is acknowledged and ignored.
CREATE TABLE processor_webhook_events (
  event_id    text PRIMARY KEY,
  type        text        NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
