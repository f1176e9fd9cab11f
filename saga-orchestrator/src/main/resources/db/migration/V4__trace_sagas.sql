-- The W3C traceparent of the OrderPlaced that started the saga, so that what the deadline
-- sweeper does for it later (a re-sent step, a timeout) stays in the order's trace.
alter table sagas add column trace_parent text;
