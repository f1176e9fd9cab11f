package com.example.orderflow.payment.payment;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.PaymentEvent;
import com.example.orderflow.contracts.PaymentEvent.PaymentCharged;
import com.example.orderflow.contracts.PaymentEvent.PaymentDeclined;
import com.example.orderflow.contracts.PaymentEvent.PaymentFailed;
import com.example.orderflow.contracts.PaymentEvent.PaymentRefunded;
import com.example.orderflow.contracts.PaymentEvent.RefundFailed;
import org.jspecify.annotations.Nullable;

import static com.example.orderflow.payment.payment.PaymentStatus.CANCELLED;
import static com.example.orderflow.payment.payment.PaymentStatus.CAPTURE_FAILED;
import static com.example.orderflow.payment.payment.PaymentStatus.CAPTURING;
import static com.example.orderflow.payment.payment.PaymentStatus.CHARGED;
import static com.example.orderflow.payment.payment.PaymentStatus.DECLINED;
import static com.example.orderflow.payment.payment.PaymentStatus.REFUNDED;
import static com.example.orderflow.payment.payment.PaymentStatus.REFUNDING;
import static com.example.orderflow.payment.payment.PaymentStatus.REFUND_FAILED;

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
 * @param failureReason why the last provider call failed, while
 * {@link PaymentStatus#CAPTURE_FAILED} or {@link PaymentStatus#REFUND_FAILED}
 * @param providerContacted whether a capture may have reached the provider: then only a
 * provider refund proves that nothing stays captured there
 * @param createdAt when the first command was handled
 * @param updatedAt when the status last changed
 */
record Payment(UUID orderId, UUID sagaId, String customerId, Money amount, PaymentStatus status,
		@Nullable DeclineReason declineReason, @Nullable String failureReason, boolean providerContacted,
		Instant createdAt, Instant updatedAt) {

	/** ISO 4217's code for "no currency": a tombstone for a customer without account. */
	static final String NO_CURRENCY = "XXX";

	private static final Set<PaymentStatus> REFUNDABLE = Set.of(CAPTURING, CHARGED, CAPTURE_FAILED, REFUND_FAILED);

	Payment {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(sagaId, "sagaId");
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		if ((status == DECLINED) != (declineReason != null)) {
			throw new IllegalArgumentException("a decline reason goes with, and only with, a declined payment");
		}
		if (declineReason == DeclineReason.CANCELLED) {
			throw new IllegalArgumentException("a cancelled payment has its own status");
		}
		if ((status == CAPTURE_FAILED || status == REFUND_FAILED) != (failureReason != null)) {
			throw new IllegalArgumentException("a failure reason goes with, and only with, a failed provider call");
		}
	}

	/** The caller has taken the amount from the account in the same transaction. */
	static Payment capturing(ChargePayment command, Instant now) {
		return new Payment(command.orderId(), command.sagaId(), command.customerId(), command.amount(), CAPTURING, null,
				null, false, now, now);
	}

	static Payment declined(ChargePayment command, DeclineReason reason, Instant now) {
		return new Payment(command.orderId(), command.sagaId(), command.customerId(), command.amount(), DECLINED,
				reason, null, false, now, now);
	}

	/**
	 * @param currency the customer's account currency, or {@link #NO_CURRENCY}
	 */
	static Payment cancelled(RefundPayment command, String currency, Instant now) {
		return new Payment(command.orderId(), command.sagaId(), command.customerId(), new Money(0, currency), CANCELLED,
				null, null, false, now, now);
	}

	/** A re-sent charge after a failed capture: try the provider again, same key. */
	Payment captureAgain(Instant now) {
		require(CAPTURE_FAILED);
		return to(CAPTURING, null, null, this.providerContacted, now);
	}

	Payment captured(Instant now) {
		require(CAPTURING);
		return to(CHARGED, null, null, true, now);
	}

	/** The caller gives the held amount back to the account in the same transaction. */
	Payment captureRefused(Instant now) {
		require(CAPTURING);
		return to(DECLINED, DeclineReason.PROVIDER_REFUSED, null, this.providerContacted, now);
	}

	Payment captureFailed(String reason, boolean reachedProvider, Instant now) {
		require(CAPTURING);
		return to(CAPTURE_FAILED, null, reason, this.providerContacted || reachedProvider, now);
	}

	/**
	 * Whether a refund can be settled here without the provider: nothing held, or a
	 * capture that never reached it.
	 */
	boolean refundsWithoutProvider() {
		return !this.status.holdsFunds() || (this.status == CAPTURE_FAILED && !this.providerContacted);
	}

	/** The provider is asked to give back whatever it may have captured. */
	Payment refunding(Instant now) {
		if (!REFUNDABLE.contains(this.status)) {
			throw new IllegalStateException("payment " + this.orderId + " cannot be refunded from " + this.status);
		}
		// a capture in flight may reach the provider: only a provider refund is safe then
		return to(REFUNDING, null, null, this.providerContacted || this.status == CAPTURING, now);
	}

	/** The caller gives the held amount back to the account in the same transaction. */
	Payment refunded(Instant now) {
		if (this.status != REFUNDING && !(this.status == CAPTURE_FAILED && !this.providerContacted)) {
			throw new IllegalStateException("payment " + this.orderId + " is not being refunded but " + this.status);
		}
		return to(REFUNDED, null, null, this.providerContacted, now);
	}

	Payment refundFailed(String reason, Instant now) {
		require(REFUNDING);
		return to(REFUND_FAILED, null, reason, this.providerContacted, now);
	}

	/**
	 * @return the answer to a charge command given this state, or empty while the
	 * provider is still at work (its outcome is the answer) and once the saga compensates
	 */
	Optional<PaymentEvent> replyToCharge(ChargePayment command, Instant now) {
		return switch (this.status) {
			case CHARGED -> Optional.of(chargedReply(command.sagaId(), now));
			case DECLINED ->
				Optional.of(declinedReply(command.sagaId(), Objects.requireNonNull(this.declineReason), now));
			case CANCELLED -> Optional.of(declinedReply(command.sagaId(), DeclineReason.CANCELLED, now));
			case CAPTURING, CAPTURE_FAILED, REFUNDING, REFUND_FAILED, REFUNDED -> Optional.empty();
		};
	}

	/**
	 * @return the answer to a refund command once the refund (if any) was applied, or
	 * empty while the provider refund is due or in flight
	 */
	Optional<PaymentEvent> replyToRefund(RefundPayment command, Instant now) {
		return switch (this.status) {
			case REFUNDED -> Optional.of(refundedReply(command.sagaId(), now));
			case DECLINED, CANCELLED -> Optional.of(new PaymentRefunded(UUID.randomUUID(), command.sagaId(),
					this.orderId, now, new Money(0, this.amount.currency())));
			case REFUNDING, REFUND_FAILED, CAPTURING, CHARGED, CAPTURE_FAILED -> Optional.empty();
		};
	}

	/** What the saga hears once the provider call this state came from is settled. */
	PaymentEvent settledReply(Instant now) {
		return switch (this.status) {
			case CHARGED -> chargedReply(this.sagaId, now);
			case DECLINED -> declinedReply(this.sagaId, Objects.requireNonNull(this.declineReason), now);
			case CAPTURE_FAILED -> new PaymentFailed(UUID.randomUUID(), this.sagaId, this.orderId, now,
					Objects.requireNonNull(this.failureReason));
			case REFUNDED -> refundedReply(this.sagaId, now);
			case REFUND_FAILED -> new RefundFailed(UUID.randomUUID(), this.sagaId, this.orderId, now,
					Objects.requireNonNull(this.failureReason));
			case CAPTURING, REFUNDING, CANCELLED ->
				throw new IllegalStateException("payment " + this.orderId + " is not settled: " + this.status);
		};
	}

	private PaymentCharged chargedReply(UUID sagaId, Instant now) {
		return new PaymentCharged(UUID.randomUUID(), sagaId, this.orderId, now, this.amount);
	}

	private PaymentDeclined declinedReply(UUID sagaId, DeclineReason reason, Instant now) {
		return new PaymentDeclined(UUID.randomUUID(), sagaId, this.orderId, now, reason.name());
	}

	private PaymentRefunded refundedReply(UUID sagaId, Instant now) {
		return new PaymentRefunded(UUID.randomUUID(), sagaId, this.orderId, now, this.amount);
	}

	private void require(PaymentStatus expected) {
		if (this.status != expected) {
			throw new IllegalStateException("payment " + this.orderId + " is " + this.status + ", not " + expected);
		}
	}

	private Payment to(PaymentStatus next, @Nullable DeclineReason declineReason, @Nullable String failureReason,
			boolean providerContacted, Instant now) {
		return new Payment(this.orderId, this.sagaId, this.customerId, this.amount, next, declineReason, failureReason,
				providerContacted, this.createdAt, now);
	}

}
