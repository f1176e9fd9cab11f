-- Demo customers: alice can pay for anything, bob for small orders, carol for nothing.
insert into accounts (customer_id, currency, balance)
values ('alice', 'EUR', 100000000),
       ('bob', 'EUR', 5000),
       ('carol', 'EUR', 0)
on conflict (customer_id) do update
    set currency   = excluded.currency,
        balance    = excluded.balance,
        updated_at = now();
