-- Deterministic demo data: 100,000 reviews of catalog products 1..9500 (products 9501..10000
-- have none) written by accounts users 1..1000 (all of them). Every value is a function of the
-- row number; re-running inserts nothing twice.
WITH words AS (
  SELECT ARRAY['Does the job', 'Love it', 'Not what I expected', 'Great value', 'Solid build',
               'Would buy again', 'Disappointing', 'Exceeded expectations', 'Okay for the price',
               'Perfect gift', 'Broke after a month', 'Five stars', 'Decent', 'Better than the old one',
               'Fast delivery, good product'] AS titles,
         ARRAY['Arrived quickly and well packed.', 'The finish is nicer than in the photos.',
               'Smaller than I thought, check the dimensions.', 'Works exactly as described.',
               'My kids use it every day.', 'The instructions could be clearer.',
               'Feels sturdy and well made.', 'Returned it, the colour was off.',
               'Good quality for the money.', 'I bought a second one for my office.'] AS bodies
)
INSERT INTO reviews (id, product_id, author_id, rating, title, body, created_at)
SELECT i,
       1 + (i::bigint * 7919) % 9500,
       1 + (i::bigint * 104729) % 1000,
       CASE WHEN (i * 31) % 20 < 1 THEN 1
            WHEN (i * 31) % 20 < 2 THEN 2
            WHEN (i * 31) % 20 < 5 THEN 3
            WHEN (i * 31) % 20 < 11 THEN 4
            ELSE 5 END,
       titles[1 + (i * 7) % 15],
       bodies[1 + (i * 3) % 10] || ' ' || bodies[1 + (i * 11) % 10],
       timestamptz '2025-01-01 00:00:00+00' + ((i::bigint * 397) % 700) * interval '1 day'
         + ((i::bigint * 13) % 1440) * interval '1 minute'
FROM generate_series(1, 100000) AS i, words
ON CONFLICT (id) DO NOTHING;

SELECT setval(pg_get_serial_sequence('reviews', 'id'), (SELECT max(id) FROM reviews));
