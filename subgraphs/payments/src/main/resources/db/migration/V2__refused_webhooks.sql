-- Signed webhooks that named a payment but not its intent, amount or currency: changed nothing,
-- answered 409, kept here so an operator can see them (a leaked webhook secret, a processor bug).
CREATE TABLE refused_webhooks (
  id          bigserial PRIMARY KEY,
  event_id    text        NOT NULL,
  type        text        NOT NULL,
  order_id    uuid        NOT NULL,
  intent_id   text,
  amount      text,
  currency    text,
  reason      text        NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refused_webhooks_order ON refused_webhooks (order_id);
