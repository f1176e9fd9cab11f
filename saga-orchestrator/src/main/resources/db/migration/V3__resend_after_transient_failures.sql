-- a saga waiting to re-send a step after a transient failure (the payment provider
-- unreachable): its step_deadline is then the time of the re-send, so the deadline
-- sweeper and its index serve both. A constant default adds the column without rewriting
-- the table.
alter table sagas add column resend_pending boolean not null default false;
