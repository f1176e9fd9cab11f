create table orders (
    id              uuid        primary key,
    saga_id         uuid        not null unique,
    customer_id     text        not null,
    currency        char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    status          text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    reason          text,
    total           bigint      check (total >= 0),
    idempotency_key text        not null,
    request_hash    text        not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    -- an idempotency key is scoped to its customer: two customers may pick the same one
    unique (customer_id, idempotency_key),
    -- the API shows a reason exactly for rejected orders
    check ((status = 'REJECTED') = (reason is not null)),
    -- an order is approved only after it was priced
    check (status <> 'APPROVED' or total is not null)
);
create index orders_customer_created on orders (customer_id, created_at desc);
create index orders_status_created on orders (status, created_at desc);

create table order_lines (
    order_id   uuid   not null references orders (id),
    line_no    int    not null check (line_no > 0),
    sku        text   not null,
    quantity   int    not null check (quantity > 0),
    unit_price bigint check (unit_price >= 0),
    primary key (order_id, line_no),
    unique (order_id, sku)
);

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
