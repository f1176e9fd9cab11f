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

create table applied (
    order_id   uuid primary key,
    deliveries int not null
);
