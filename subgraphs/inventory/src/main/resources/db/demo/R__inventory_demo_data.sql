-- Deterministic demo stock for catalog's products 1..10000: about 8% sold out, the rest 1..500
-- on hand, some of it reserved. Re-running inserts nothing twice.
INSERT INTO stock_levels (product_id, on_hand, reserved)
SELECT i,
       CASE WHEN (i * 37) % 100 < 8 THEN 0 ELSE 1 + (i * 7919) % 500 END,
       CASE WHEN (i * 37) % 100 < 8 OR i % 5 <> 0 THEN 0 ELSE ((i * 7919) % 500) / 10 END
FROM generate_series(1, 10000) AS i
ON CONFLICT (product_id) DO NOTHING;
