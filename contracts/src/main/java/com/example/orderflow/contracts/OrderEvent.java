package com.example.orderflow.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Published by order-service on {@link Topics#ORDER_EVENTS}. */
public sealed interface OrderEvent extends SagaMessage {

	/** Written in the same transaction as the order; starts the saga. */
	record OrderPlaced(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt, String customerId,
			String currency, List<OrderItem> items) implements OrderEvent {

		public OrderPlaced {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			Objects.requireNonNull(customerId, "customerId");
			if (!Money.isPaymentCurrency(currency)) {
				throw new IllegalArgumentException("currency must be an ISO 4217 code");
			}
			items = SagaMessage.requireNonEmpty(items, "items");
		}

	}

	record OrderApproved(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt) implements OrderEvent {

		public OrderApproved {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
		}

	}

	record OrderRejected(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt,
			RejectionReason reason) implements OrderEvent {

		public OrderRejected {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			Objects.requireNonNull(reason, "reason");
		}

	}

}
