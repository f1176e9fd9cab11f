-- Payments now settle through an external payment provider: a charge holds the amount
-- (CAPTURING) until the provider captured it, and a refund of held money waits for the
-- provider's refund (REFUNDING). due_at says when the settlement worker should call the
-- provider next; while a call is in flight it is the end of the worker's lease.
alter table payments drop constraint payments_status_check;
alter table payments add constraint payments_status_check check (status in (
    'CAPTURING', 'CHARGED', 'CAPTURE_FAILED', 'DECLINED', 'REFUNDING', 'REFUND_FAILED', 'REFUNDED', 'CANCELLED'));
alter table payments drop constraint payments_decline_reason_check;
alter table payments add constraint payments_decline_reason_check check (decline_reason in (
    'INSUFFICIENT_FUNDS', 'NO_ACCOUNT', 'CURRENCY_MISMATCH', 'PROVIDER_REFUSED'));

alter table payments
    add column failure_reason     text,
    -- whether a capture may have reached the provider: then only a provider refund
    -- proves that nothing stays captured there
    add column provider_contacted boolean not null default false,
    add column due_at             timestamptz,
    add constraint payments_failed_has_reason
        check ((status in ('CAPTURE_FAILED', 'REFUND_FAILED')) = (failure_reason is not null)),
    add constraint payments_due_only_while_settling
        check (due_at is null or status in ('CAPTURING', 'REFUNDING'));

create index payments_due on payments (due_at) where due_at is not null;
