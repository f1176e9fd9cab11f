package com.example.orderflow.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Sent by the orchestrator to payment-service on {@link Topics#PAYMENT_COMMANDS}. */
public sealed interface PaymentCommand extends SagaMessage {

	record ChargePayment(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt, String customerId,
			Money amount) implements PaymentCommand {

		public ChargePayment {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			Objects.requireNonNull(customerId, "customerId");
			Objects.requireNonNull(amount, "amount");
		}

	}

	/** Compensation: undo the order's charge, also if it arrives before any charge. */
	record RefundPayment(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt,
			String customerId) implements PaymentCommand {

		public RefundPayment {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			Objects.requireNonNull(customerId, "customerId");
		}

	}

}
