create table products (
    sku        text        primary key,
    name       text        not null,
    unit_price bigint      not null check (unit_price >= 0),
    currency   char(3)     not null,
    on_hand    int         not null check (on_hand >= 0),
    reserved   int         not null default 0 check (reserved >= 0),
    updated_at timestamptz not null default now(),
    check (reserved <= on_hand)
);

create table reservations (
    order_id   uuid        primary key,
    saga_id    uuid        not null,
    status     text        not null check (status in ('RESERVED', 'CONFIRMED', 'RELEASED', 'REJECTED')),
    reason     text,
    currency   char(3),
    total      bigint      check (total >= 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table reservation_lines (
    order_id   uuid   not null references reservations (order_id),
    sku        text   not null references products (sku),
    quantity   int    not null check (quantity > 0),
    unit_price bigint not null check (unit_price >= 0),
    primary key (order_id, sku)
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
