-- The W3C traceparent of the command that made the provider call due, so that the
-- settlement worker's call and the reply it sends continue the order's trace.
alter table payments add column trace_parent text;
