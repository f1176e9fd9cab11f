-- Money is bigint minor units plus an ISO 4217 code, never a floating-point number.
create table accounts (
    customer_id text        primary key,
    currency    char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    balance     bigint      not null check (balance >= 0),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table deposits (
    id          bigserial   primary key,
    customer_id text        not null references accounts (customer_id),
    amount      bigint      not null check (amount > 0),
    created_at  timestamptz not null default now()
);
create index deposits_customer_id on deposits (customer_id);

-- One row per order: the primary key is what makes a second charge for an order impossible,
-- and a CANCELLED row (left by a refund that overtook its charge) turns a late charge away.
-- No foreign key on customer_id: a charge for an unknown customer is recorded as declined.
create table payments (
    order_id       uuid        primary key,
    saga_id        uuid        not null,
    customer_id    text        not null,
    amount         bigint      not null check (amount >= 0),
    currency       char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    status         text        not null check (status in ('CHARGED', 'DECLINED', 'REFUNDED', 'CANCELLED')),
    decline_reason text        check (decline_reason in ('INSUFFICIENT_FUNDS', 'NO_ACCOUNT', 'CURRENCY_MISMATCH')),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint payments_declined_has_reason check ((status = 'DECLINED') = (decline_reason is not null))
);
create index payments_customer_id on payments (customer_id, created_at);

create table outbox (
    id           bigserial primary key,
    topic        text        not null,
    message_key  text        not null,
    message_type text        not null,
    payload      text,
    headers      text,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

create table inbox (
    message_id  uuid        primary key,
    received_at timestamptz not null default now()
);
create index inbox_received_at on inbox (received_at);
