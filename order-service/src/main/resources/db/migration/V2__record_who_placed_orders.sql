-- The token's principal that placed the order: the customer, or the operator or tool acting
-- for them. Null for orders placed before it was recorded.
alter table orders add column placed_by text;
