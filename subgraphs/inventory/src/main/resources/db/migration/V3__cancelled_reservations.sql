-- CANCELLED: orders gave up on the order (OrderCancelled). Whatever the reservation held went back
-- (reserved units released, committed units back on hand); an order cancelled before its
-- OrderPlaced arrived gets a row of its own without items, so a late OrderPlaced reserves nothing
-- and a late payment never takes stock again.
ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
ALTER TABLE reservations ADD CONSTRAINT reservations_status_check
  CHECK (status IN ('RESERVED', 'COMMITTED', 'RELEASED', 'CANCELLED'));
