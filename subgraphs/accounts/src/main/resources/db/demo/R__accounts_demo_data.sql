-- Deterministic demo data: users 1..1000 (the reviews subgraph's demo reviews are written by
-- them). Every value is a function of the row number; re-running inserts nothing twice.
WITH names AS (
  SELECT ARRAY['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances',
               'Edsger', 'Radia', 'Tim', 'Hedy', 'John', 'Katherine', 'Donald', 'Anita', 'Niklaus',
               'Shafi', 'Bjarne', 'Sophie', 'Guido', 'Karen', 'James', 'Mary', 'Leslie', 'Jean',
               'Vint', 'Annie', 'Yukihiro', 'Lynn', 'Brian'] AS firsts,
         ARRAY['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov',
               'Thompson', 'Allen', 'Dijkstra', 'Perlman', 'Berners-Lee', 'Lamarr', 'McCarthy',
               'Johnson', 'Knuth', 'Borg', 'Wirth', 'Goldwasser', 'Stroustrup', 'Wilson',
               'van Rossum', 'Sparck Jones', 'Gosling', 'Keller', 'Lamport', 'Sammet', 'Cerf',
               'Easley', 'Matsumoto', 'Conway', 'Kernighan', 'Floyd', 'Kay', 'Backus', 'Engelbart',
               'Hoare'] AS lasts
)
INSERT INTO users (id, email, display_name, created_at)
SELECT i,
       lower(replace(firsts[1 + i % 32] || '.' || lasts[1 + (i * 7) % 37], ' ', '-')) || '.' || i || '@example.com',
       firsts[1 + i % 32] || ' ' || lasts[1 + (i * 7) % 37],
       timestamptz '2024-01-01 00:00:00+00' + i * interval '17 hours 29 minutes'
FROM generate_series(1, 1000) AS i, names
ON CONFLICT (id) DO NOTHING;

SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users));
