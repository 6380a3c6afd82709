-- Deterministic demo data: 60 categories and 10,000 products. Every value is a function of the
-- row number, so every machine gets the same catalog and the other subgraphs' demo data (stock,
-- reviews) can refer to product ids 1..10000. Idempotent: re-running inserts nothing twice.

INSERT INTO categories (id, name, slug)
SELECT (d.n - 1) * 5 + k.n,
       d.name || ' ' || k.name,
       lower(d.name) || '-' || lower(k.name)
FROM unnest(ARRAY['Kitchen', 'Garden', 'Outdoor', 'Office', 'Audio', 'Camera', 'Fitness', 'Travel',
                  'Toys', 'Books', 'Lighting', 'Bath']) WITH ORDINALITY AS d(name, n)
CROSS JOIN unnest(ARRAY['Essentials', 'Pro', 'Classics', 'Accessories', 'Deals']) WITH ORDINALITY AS k(name, n)
ON CONFLICT (id) DO NOTHING;

WITH words AS (
  SELECT ARRAY['Rustic', 'Modern', 'Compact', 'Deluxe', 'Classic', 'Portable', 'Smart', 'Vintage',
               'Ergonomic', 'Heavy-Duty', 'Minimal', 'Premium', 'Eco', 'Foldable', 'Wireless',
               'Handmade', 'Sleek', 'Rugged', 'Cozy', 'Bright'] AS adjectives,
         ARRAY['Oak', 'Steel', 'Bamboo', 'Ceramic', 'Cotton', 'Leather', 'Glass', 'Walnut',
               'Aluminium', 'Wool', 'Copper', 'Linen', 'Granite', 'Canvas', 'Cork'] AS materials,
         ARRAY['Chair', 'Lamp', 'Kettle', 'Backpack', 'Speaker', 'Tripod', 'Mat', 'Bottle',
               'Notebook', 'Planter', 'Headphones', 'Tent', 'Mug', 'Desk', 'Towel', 'Puzzle',
               'Knife', 'Blanket', 'Clock', 'Shelf', 'Camera Bag', 'Jump Rope', 'Suitcase',
               'Board Game', 'Cookbook'] AS nouns
)
INSERT INTO products (id, sku, name, description, price_amount, currency_code, weight_grams,
                      category_id, created_at)
SELECT i,
       'SKU-' || lpad(i::text, 6, '0'),
       adjectives[1 + i % 20] || ' ' || materials[1 + (i / 20) % 15] || ' ' || nouns[1 + (i * 7) % 25],
       'A ' || lower(adjectives[1 + i % 20]) || ' ' || lower(nouns[1 + (i * 7) % 25]) || ' made of '
         || lower(materials[1 + (i / 20) % 15]) || '. Built to last, easy to clean and backed by a '
         || (1 + i % 5) || '-year warranty.',
       round(((i::bigint * 7919) % 49900 + 100) / 100.0, 2),
       'USD',
       50 + ((i::bigint * 104729) % 19950)::int,
       1 + (i * 31) % 60,
       timestamptz '2025-01-01 00:00:00+00' + i * interval '47 minutes'
FROM generate_series(1, 10000) AS i, words
ON CONFLICT (id) DO NOTHING;

SELECT setval(pg_get_serial_sequence('categories', 'id'), (SELECT max(id) FROM categories));
SELECT setval(pg_get_serial_sequence('products', 'id'), (SELECT max(id) FROM products));
