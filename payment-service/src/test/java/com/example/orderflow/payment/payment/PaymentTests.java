package com.example.orderflow.payment.payment;

import java.time.Instant;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.PaymentEvent.PaymentCharged;
import com.example.orderflow.contracts.PaymentEvent.PaymentDeclined;
import com.example.orderflow.contracts.PaymentEvent.PaymentFailed;
import com.example.orderflow.contracts.PaymentEvent.PaymentRefunded;
import com.example.orderflow.contracts.PaymentEvent.RefundFailed;
import org.junit.jupiter.api.Test;

import static com.example.orderflow.payment.payment.PaymentFixtures.charge;
import static com.example.orderflow.payment.payment.PaymentFixtures.refund;
import static com.example.orderflow.payment.payment.PaymentFixtures.resend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PaymentTests {

	private final Instant now = Instant.parse("2026-01-01T10:00:00Z");

	@Test
	void repliesToAChargeOfAChargedPaymentWithTheChargedAmountForTheAskingSaga() {
		ChargePayment first = charge("alice", 2_500);
		ChargePayment again = resend(first);

		assertThat(charged(first).replyToCharge(again, this.now)).get()
			.isInstanceOfSatisfying(PaymentCharged.class, (reply) -> {
				assertThat(reply.amount()).isEqualTo(new Money(2_500, "EUR"));
				assertThat(reply.orderId()).isEqualTo(first.orderId());
				assertThat(reply.sagaId()).isEqualTo(again.sagaId());
				assertThat(reply.messageId()).isNotIn(first.messageId(), again.messageId());
			});
	}

	@Test
	void repliesToAChargeOfADeclinedPaymentWithTheStoredReason() {
		ChargePayment charge = charge("bob", 2_500);

		assertThat(Payment.declined(charge, DeclineReason.INSUFFICIENT_FUNDS, this.now)
			.replyToCharge(resend(charge), this.now)).get()
			.isInstanceOfSatisfying(PaymentDeclined.class,
					(reply) -> assertThat(reply.reason()).isEqualTo("INSUFFICIENT_FUNDS"));
	}

	@Test
	void declinesAChargeThatArrivesAfterItsOrderWasCancelled() {
		ChargePayment charge = charge("carol", 2_500);
		Payment tombstone = Payment.cancelled(refund(charge), "EUR", this.now);

		assertThat(tombstone.replyToCharge(charge, this.now)).get()
			.isInstanceOfSatisfying(PaymentDeclined.class,
					(reply) -> assertThat(reply.reason()).isEqualTo("CANCELLED"));
	}

	@Test
	void doesNotReplyToAChargeOnceThePaymentWasRefunded() {
		ChargePayment charge = charge("alice", 2_500);

		assertThat(refunded(charge).replyToCharge(resend(charge), this.now)).isEmpty();
	}

	@Test
	void refundingAChargedPaymentRepliesWithTheChargedAmountEveryTime() {
		ChargePayment charge = charge("alice", 2_500);
		RefundPayment refund = refund(charge);
		Payment refunded = charged(charge).refunding(this.now).refunded(this.now.plusSeconds(1));

		assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
		assertThat(refunded.createdAt()).isEqualTo(this.now);
		assertThat(refunded.updatedAt()).isEqualTo(this.now.plusSeconds(1));
		assertThat(refunded.replyToRefund(refund, this.now)).get()
			.isInstanceOfSatisfying(PaymentRefunded.class,
					(reply) -> assertThat(reply.refunded()).isEqualTo(new Money(2_500, "EUR")));
		assertThat(refunded.replyToRefund(resend(refund), this.now)).get()
			.isInstanceOfSatisfying(PaymentRefunded.class,
					(reply) -> assertThat(reply.refunded()).isEqualTo(new Money(2_500, "EUR")));
	}

	@Test
	void refundsNothingForADeclinedOrCancelledPayment() {
		ChargePayment charge = charge("bob", 2_500);
		RefundPayment refund = refund(charge);

		PaymentRefunded declined = (PaymentRefunded) Payment.declined(charge, DeclineReason.NO_ACCOUNT, this.now)
			.replyToRefund(refund, this.now)
			.orElseThrow();
		PaymentRefunded cancelled = (PaymentRefunded) Payment.cancelled(refund, Payment.NO_CURRENCY, this.now)
			.replyToRefund(refund, this.now)
			.orElseThrow();

		assertThat(declined.refunded()).isEqualTo(new Money(0, "EUR"));
		assertThat(cancelled.refunded()).isEqualTo(new Money(0, "XXX"));
	}

	@Test
	void refusesToRefundAPaymentThatHoldsNoMoney() {
		ChargePayment charge = charge("bob", 2_500);

		assertThatIllegalStateException()
			.isThrownBy(() -> Payment.declined(charge, DeclineReason.NO_ACCOUNT, this.now).refunding(this.now));
		assertThatIllegalStateException().isThrownBy(() -> refunded(charge).refunding(this.now));
	}

	@Test
	void doesNotReplyToARefundBeforeTheProviderGaveTheMoneyBack() {
		ChargePayment charge = charge("alice", 2_500);

		assertThat(charged(charge).replyToRefund(refund(charge), this.now)).isEmpty();
		assertThat(charged(charge).refunding(this.now).replyToRefund(refund(charge), this.now)).isEmpty();
	}

	@Test
	void doesNotReplyToAChargeWhileTheCaptureIsInFlightOrFailed() {
		ChargePayment charge = charge("alice", 2_500);
		Payment capturing = Payment.capturing(charge, this.now);

		assertThat(capturing.replyToCharge(resend(charge), this.now)).isEmpty();
		assertThat(capturing.captureFailed("timed out", true, this.now).replyToCharge(resend(charge), this.now))
			.isEmpty();
	}

	@Test
	void tellsTheSagaWhyTheCaptureFailed() {
		ChargePayment charge = charge("alice", 2_500);

		Payment failed = Payment.capturing(charge, this.now).captureFailed("provider answered 503", true, this.now);

		assertThat(failed.status()).isEqualTo(PaymentStatus.CAPTURE_FAILED);
		assertThat(failed.settledReply(this.now)).isInstanceOfSatisfying(PaymentFailed.class, (reply) -> {
			assertThat(reply.reason()).isEqualTo("provider answered 503");
			assertThat(reply.sagaId()).isEqualTo(charge.sagaId());
		});
		assertThat(failed.captureAgain(this.now).status()).isEqualTo(PaymentStatus.CAPTURING);
	}

	@Test
	void refundsAFailedCaptureThatNeverReachedTheProviderWithoutIt() {
		ChargePayment charge = charge("alice", 2_500);
		Payment capturing = Payment.capturing(charge, this.now);

		assertThat(capturing.captureFailed("circuit breaker is open", false, this.now).refundsWithoutProvider())
			.isTrue();
		assertThat(capturing.captureFailed("timed out", true, this.now).refundsWithoutProvider()).isFalse();
		assertThat(capturing.refunding(this.now).providerContacted()).as("a capture may be in flight").isTrue();
	}

	@Test
	void aRefusedCaptureDeclinesAndAFailedRefundTellsTheSagaWhy() {
		ChargePayment charge = charge("alice", 2_500);

		assertThat(Payment.capturing(charge, this.now).captureRefused(this.now).settledReply(this.now))
			.isInstanceOfSatisfying(PaymentDeclined.class,
					(reply) -> assertThat(reply.reason()).isEqualTo("PROVIDER_REFUSED"));
		assertThat(charged(charge).refunding(this.now)
			.refundFailed("provider answered 503", this.now)
			.settledReply(this.now)).isInstanceOfSatisfying(RefundFailed.class,
					(reply) -> assertThat(reply.reason()).isEqualTo("provider answered 503"));
	}

	@Test
	void keepsADeclineReasonOnlyOnDeclinedPayments() {
		ChargePayment charge = charge("alice", 2_500);

		assertThatIllegalArgumentException().isThrownBy(() -> new Payment(charge.orderId(), charge.sagaId(), "alice",
				charge.amount(), PaymentStatus.CHARGED, DeclineReason.NO_ACCOUNT, null, true, this.now, this.now));
		assertThatIllegalArgumentException().isThrownBy(() -> new Payment(charge.orderId(), charge.sagaId(), "alice",
				charge.amount(), PaymentStatus.DECLINED, null, null, false, this.now, this.now));
		assertThatIllegalArgumentException().isThrownBy(() -> new Payment(charge.orderId(), charge.sagaId(), "alice",
				charge.amount(), PaymentStatus.CAPTURE_FAILED, null, null, true, this.now, this.now));
	}

	private Payment charged(ChargePayment charge) {
		return Payment.capturing(charge, this.now).captured(this.now);
	}

	private Payment refunded(ChargePayment charge) {
		return charged(charge).refunding(this.now).refunded(this.now);
	}

}
