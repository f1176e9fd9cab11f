-- Who the payment's settlement is done for (the Kafka header "principal" of the command that
-- made it due), so the reply the settlement worker sends later carries it as the command
-- did. Null for payments made due before this column, or by a command without the header.
alter table payments add column principal text;
