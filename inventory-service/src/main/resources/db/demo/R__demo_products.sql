-- Demo catalogue. Stock is never set below what is already reserved, so re-running this
-- migration on a database with orders in flight cannot break the reserved <= on_hand check.
insert into products (sku, name, unit_price, currency, on_hand)
values ('SKU-BOOK', 'Designing Data-Intensive Applications', 4500, 'EUR', 100000),
       ('SKU-MUG', 'Saga mug', 1200, 'EUR', 100000),
       ('SKU-LAMP', 'Desk lamp', 3900, 'EUR', 5)
on conflict (sku) do update
    set name       = excluded.name,
        unit_price = excluded.unit_price,
        currency   = case when products.reserved = 0 then excluded.currency else products.currency end,
        on_hand    = greatest(excluded.on_hand, products.reserved),
        updated_at = now();
