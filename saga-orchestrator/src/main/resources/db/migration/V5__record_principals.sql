-- Who the saga's work is done for. placed_by: the principal that placed the order, from the
-- OrderPlaced's principal header. saga_steps.principal: who each step was taken for (the
-- principal of the message that prompted it, whoever placed the order for a step the
-- deadline sweeper took, the operator for a retry). Null where no principal was known: a
-- saga started by an OrderPlaced without the header, and the steps recorded before this.
alter table sagas add column placed_by text;
alter table saga_steps add column principal text;
