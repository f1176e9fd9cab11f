package com.example.orderflow.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Replies of inventory-service on {@link Topics#INVENTORY_EVENTS}. */
public sealed interface InventoryEvent extends SagaMessage {

	record StockReserved(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt, List<PricedLine> lines,
			Money total) implements InventoryEvent {

		public StockReserved {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			lines = SagaMessage.requireNonEmpty(lines, "lines");
			Objects.requireNonNull(total, "total");
		}

	}

	/**
	 * Nothing was reserved; {@code reason} is one of the stock-related rejection reasons.
	 */
	record StockRejected(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt, RejectionReason reason,
			String detail) implements InventoryEvent {

		public StockRejected {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			Objects.requireNonNull(reason, "reason");
		}

	}

	record ReservationConfirmed(UUID messageId, UUID sagaId, UUID orderId,
			Instant occurredAt) implements InventoryEvent {

		public ReservationConfirmed {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
		}

	}

	record StockReleased(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt) implements InventoryEvent {

		public StockReleased {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
		}

	}

}
