package com.example.orderflow.payment.payment;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.PaymentEvent;
import com.example.orderflow.contracts.PaymentEvent.PaymentCharged;
import com.example.orderflow.contracts.PaymentEvent.PaymentDeclined;
import com.example.orderflow.contracts.PaymentEvent.PaymentRefunded;
import org.jspecify.annotations.Nullable;

/**
 * What happened to an order's money. The replies are derived from the state alone, so a
 * command re-sent by the orchestrator gets the same answer as the first time.
 *
 * @param orderId the order, and the key: one payment per order
 * @param sagaId the saga that asked first
 * @param customerId whose account was (or would have been) charged
 * @param amount the charge; zero for a cancelled tombstone
 * @param status where the payment stands
 * @param declineReason why it was declined, only when {@link PaymentStatus#DECLINED}
 * @param createdAt when the first command was handled
 * @param updatedAt when the status last changed
 */
record Payment(UUID orderId, UUID sagaId, String customerId, Money amount, PaymentStatus status,
		@Nullable DeclineReason declineReason, Instant createdAt, Instant updatedAt) {

	/** ISO 4217's code for "no currency": a tombstone for a customer without account. */
	static final String NO_CURRENCY = "XXX";

	Payment {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(sagaId, "sagaId");
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		if ((status == PaymentStatus.DECLINED) != (declineReason != null)) {
			throw new IllegalArgumentException("a decline reason goes with, and only with, a declined payment");
		}
		if (declineReason == DeclineReason.CANCELLED) {
			throw new IllegalArgumentException("a cancelled payment has its own status");
		}
	}

	static Payment charged(ChargePayment command, Instant now) {
		return new Payment(command.orderId(), command.sagaId(), command.customerId(), command.amount(),
				PaymentStatus.CHARGED, null, now, now);
	}

	static Payment declined(ChargePayment command, DeclineReason reason, Instant now) {
		return new Payment(command.orderId(), command.sagaId(), command.customerId(), command.amount(),
				PaymentStatus.DECLINED, reason, now, now);
	}

	/**
	 * @param currency the customer's account currency, or {@link #NO_CURRENCY}
	 */
	static Payment cancelled(RefundPayment command, String currency, Instant now) {
		return new Payment(command.orderId(), command.sagaId(), command.customerId(), new Money(0, currency),
				PaymentStatus.CANCELLED, null, now, now);
	}

	/** The caller gives the amount back to the account in the same transaction. */
	Payment refund(Instant now) {
		if (this.status != PaymentStatus.CHARGED) {
			throw new IllegalStateException(
					"only a charged payment can be refunded, " + this.orderId + " is " + this.status);
		}
		return new Payment(this.orderId, this.sagaId, this.customerId, this.amount, PaymentStatus.REFUNDED, null,
				this.createdAt, now);
	}

	/**
	 * @return the answer to a charge command given this state, or empty once refunded:
	 * the saga compensated already and is not waiting for a charge reply
	 */
	Optional<PaymentEvent> replyToCharge(ChargePayment command, Instant now) {
		return switch (this.status) {
			case CHARGED -> Optional
				.of(new PaymentCharged(UUID.randomUUID(), command.sagaId(), command.orderId(), now, this.amount));
			case DECLINED -> Optional.of(declinedReply(command, Objects.requireNonNull(this.declineReason), now));
			case CANCELLED -> Optional.of(declinedReply(command, DeclineReason.CANCELLED, now));
			case REFUNDED -> Optional.empty();
		};
	}

	/** The answer to a refund command once the refund (if any) was applied. */
	PaymentRefunded replyToRefund(RefundPayment command, Instant now) {
		Money refunded = switch (this.status) {
			case REFUNDED -> this.amount;
			case DECLINED, CANCELLED -> new Money(0, this.amount.currency());
			case CHARGED -> throw new IllegalStateException("payment " + this.orderId + " is not refunded yet");
		};
		return new PaymentRefunded(UUID.randomUUID(), command.sagaId(), command.orderId(), now, refunded);
	}

	private static PaymentDeclined declinedReply(ChargePayment command, DeclineReason reason, Instant now) {
		return new PaymentDeclined(UUID.randomUUID(), command.sagaId(), command.orderId(), now, reason.name());
	}

}
