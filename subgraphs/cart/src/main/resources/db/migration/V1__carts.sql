-- The durable copy of every cart: Redis holds the active ones for fast reads, and is rebuilt from
-- here after a flush or restart. version orders the writes to Redis (an older copy never
-- overwrites a newer one).
CREATE TABLE carts (
  user_id    text PRIMARY KEY,
  version    bigint      NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cart_items (
  user_id    text        NOT NULL REFERENCES carts (user_id),
  product_id bigint      NOT NULL,
  quantity   integer     NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  added_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (user_id, product_id)
);
