-- the overall deadline, and where a parked saga waits for an operator's retry
alter table sagas
    add column saga_deadline timestamptz,
    add column parked_in     text,
    add column parked_reason text;
update sagas set saga_deadline = created_at + interval '10 minutes' where saga_deadline is null;
alter table sagas alter column saga_deadline set not null;
create index sagas_state_updated on sagas (state, updated_at desc);
