-- The cart's updatedAt as checkout read it. OrderConfirmed carries it so that the cart takes out
-- only lines that were in it then: a confirmation that arrives late (after a fault delayed the
-- saga) must not empty a cart the user has cleared and filled again since. Null for orders placed
-- before this column existed: the cart then takes the bought units from whatever lines it has.
ALTER TABLE orders ADD COLUMN cart_updated_at timestamptz;
