package com.example.orderflow.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Sent by the orchestrator to order-service on {@link Topics#ORDER_COMMANDS}. */
public sealed interface OrderCommand extends SagaMessage {

	record ApproveOrder(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt, List<PricedLine> lines,
			Money total) implements OrderCommand {

		public ApproveOrder {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			lines = SagaMessage.requireNonEmpty(lines, "lines");
			Objects.requireNonNull(total, "total");
		}

	}

	/** Lines and total are present when inventory priced the order before it failed. */
	record RejectOrder(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt, RejectionReason reason,
			List<PricedLine> lines, Money total) implements OrderCommand {

		public RejectOrder {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			Objects.requireNonNull(reason, "reason");
			lines = (lines != null) ? List.copyOf(lines) : List.of();
		}

	}

}
