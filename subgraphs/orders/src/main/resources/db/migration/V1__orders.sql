CREATE TABLE orders (
  id               uuid PRIMARY KEY,
  user_id          text          NOT NULL,
  -- The client's key for this checkout: the same key always answers with this order.
  idempotency_key  text          NOT NULL,
  status           text          NOT NULL CHECK (status IN ('PENDING', 'RESERVED', 'AUTHORIZED',
                                                           'CONFIRMED', 'PAYMENT_FAILED', 'REJECTED')),
  currency_code    char(3)       NOT NULL,
  total_amount     numeric(12,2) NOT NULL CHECK (total_amount >= 0),
  shipping_address jsonb         NOT NULL,
  failure_reason   text,
  created_at       timestamptz   NOT NULL DEFAULT now(),
  updated_at       timestamptz   NOT NULL DEFAULT now(),
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX orders_by_user ON orders (user_id, created_at DESC, id DESC);

-- Unit prices are captured at checkout: later price changes never alter an order.
CREATE TABLE order_items (
  order_id   uuid          NOT NULL REFERENCES orders (id),
  product_id bigint        NOT NULL,
  quantity   integer       NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  unit_price numeric(12,2) NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (order_id, product_id)
);

CREATE TABLE order_status_history (
  id       bigserial PRIMARY KEY,
  order_id uuid        NOT NULL REFERENCES orders (id),
  status   text        NOT NULL,
  reason   text,
  at       timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX order_status_history_by_order ON order_status_history (order_id, id);
