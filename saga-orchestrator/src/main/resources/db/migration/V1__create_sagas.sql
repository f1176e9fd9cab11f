create table sagas (
    id            uuid primary key,
    order_id      uuid        not null unique,
    customer_id   text        not null,
    currency      char(3)     not null,
    items         jsonb       not null,
    state         text        not null,
    step_deadline timestamptz,
    step_attempts int         not null default 0,
    lines         jsonb,
    total         bigint,
    rejection     text,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
-- the deadline sweeper's only query; terminal sagas have no deadline and stay out of it
create index sagas_step_deadline on sagas (step_deadline) where step_deadline is not null;

create table saga_steps (
    id      bigserial primary key,
    saga_id uuid        not null references sagas (id),
    at      timestamptz not null,
    state   text        not null,
    event   text        not null,
    detail  text
);
create index saga_steps_saga on saga_steps (saga_id, id);

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
