-- Stock held for an order between OrderPlaced and the payment's outcome. A reservation is
-- committed (stock leaves on_hand) when the payment is authorised, released when it fails or the
-- reservation expires. One per order: a redelivered OrderPlaced cannot reserve twice.
CREATE TABLE reservations (
  order_id   uuid PRIMARY KEY,
  status     text        NOT NULL CHECK (status IN ('RESERVED', 'COMMITTED', 'RELEASED')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservations_expiring ON reservations (expires_at) WHERE status = 'RESERVED';

CREATE TABLE reservation_items (
  order_id   uuid    NOT NULL REFERENCES reservations (order_id),
  product_id bigint  NOT NULL,
  quantity   integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, product_id)
);
