-- updated_at becomes the cart's own clock: whole milliseconds (what the GraphQL DateTime shows, so
-- the value orders reads back is exact) and strictly rising with every change. A line's added_at is
-- the updated_at of the change that created it. An order keeps the updatedAt checkout read, and
-- OrderConfirmed takes out only lines with added_at at or before it: a late confirmation never
-- touches a line the user added after clearing the cart. CartStore sets both values; the default
-- stays for rows written by hand.
UPDATE carts SET updated_at = date_trunc('milliseconds', updated_at) + interval '1 millisecond'
  WHERE updated_at <> date_trunc('milliseconds', updated_at);
UPDATE cart_items i SET added_at = c.updated_at
  FROM carts c
  WHERE c.user_id = i.user_id AND i.added_at > c.updated_at;
