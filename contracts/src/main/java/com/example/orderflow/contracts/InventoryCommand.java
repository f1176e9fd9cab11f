package com.example.orderflow.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sent by the orchestrator to inventory-service on {@link Topics#INVENTORY_COMMANDS}. */
public sealed interface InventoryCommand extends SagaMessage {

	/** Reserve every item or none; the reply prices the lines. */
	record ReserveStock(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt, String currency,
			List<OrderItem> items) implements InventoryCommand {

		public ReserveStock {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			if (!Money.isPaymentCurrency(currency)) {
				throw new IllegalArgumentException("currency must be an ISO 4217 code");
			}
			items = SagaMessage.requireNonEmpty(items, "items");
		}

	}

	/** The reserved units leave the shelf for good. */
	record ConfirmReservation(UUID messageId, UUID sagaId, UUID orderId,
			Instant occurredAt) implements InventoryCommand {

		public ConfirmReservation {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
		}

	}

	/**
	 * Compensation: give back whatever the order holds, also if it arrives before any
	 * reservation.
	 */
	record ReleaseStock(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt) implements InventoryCommand {

		public ReleaseStock {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
		}

	}

}
