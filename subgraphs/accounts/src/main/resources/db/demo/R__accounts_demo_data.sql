-- Deterministic demo data: users 1..1000 (the reviews subgraph's demo reviews are written by
-- them) and the administrator 1001. Every value is a function of the row number; re-running
-- inserts nothing twice.
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

-- Every demo user signs in with the password storefront-demo. One bcrypt hash (see
-- account.PasswordHashing: bcrypt over an HMAC-SHA-256 digest of the password) for all of them;
-- only where no password is set, so a re-run never undoes a changed password.
UPDATE users SET password_hash = '$2a$10$MOLAFIjeq/mZal7EeKyQI.VjqeMBxpTST4/i39glcp1RY2OYQx9Wq'
WHERE id BETWEEN 1 AND 1000 AND password_hash IS NULL;

-- An administrator (scope admin), password storefront-admin. DO NOTHING on any conflict: the id
-- or the email may be taken already, and demo data must never fail a start-up.
INSERT INTO users (id, email, display_name, created_at, password_hash, scopes)
VALUES (1001, 'admin@example.com', 'Store Admin', timestamptz '2026-01-01 00:00:00+00',
        '$2a$10$nCzZvggc3ZB70d6XmOrUWemSgp46Sjwhn/hlFjgG97mXyK9ey5lz6', '{admin}')
ON CONFLICT DO NOTHING;

SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users));
