-- one row per message the test service's handler was prepared for, in the transaction of
-- its effect
create table prepared (
    order_id uuid not null
);
