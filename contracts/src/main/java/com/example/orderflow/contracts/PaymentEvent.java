package com.example.orderflow.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Replies of payment-service on {@link Topics#PAYMENT_EVENTS}. */
public sealed interface PaymentEvent extends SagaMessage {

	record PaymentCharged(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt,
			Money amount) implements PaymentEvent {

		public PaymentCharged {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			Objects.requireNonNull(amount, "amount");
		}

	}

	/**
	 * {@code reason} is payment's own word: INSUFFICIENT_FUNDS, NO_ACCOUNT,
	 * CURRENCY_MISMATCH, CANCELLED.
	 */
	record PaymentDeclined(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt,
			String reason) implements PaymentEvent {

		public PaymentDeclined {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			Objects.requireNonNull(reason, "reason");
		}

	}

	/** {@code refunded} is zero when there was nothing to refund. */
	record PaymentRefunded(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt,
			Money refunded) implements PaymentEvent {

		public PaymentRefunded {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			Objects.requireNonNull(refunded, "refunded");
		}

	}

	/**
	 * The payment provider could not be reached in time (timeouts, 5xx, resets, an open
	 * circuit breaker): the charge did not complete, but trying again later may work. The
	 * customer's funds stay held until the saga re-sends the charge or compensates.
	 * {@code reason} says what failed, for people.
	 */
	record PaymentFailed(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt,
			String reason) implements PaymentEvent {

		public PaymentFailed {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			Objects.requireNonNull(reason, "reason");
		}

	}

	/**
	 * A refund could not go through the payment provider; the money is still held. The
	 * saga re-sends the refund later, and parks for an operator if it keeps failing.
	 */
	record RefundFailed(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt,
			String reason) implements PaymentEvent {

		public RefundFailed {
			SagaMessage.requireEnvelope(messageId, sagaId, orderId, occurredAt);
			Objects.requireNonNull(reason, "reason");
		}

	}

}
