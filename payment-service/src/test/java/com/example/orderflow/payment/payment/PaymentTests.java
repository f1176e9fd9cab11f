package com.example.orderflow.payment.payment;

import java.time.Instant;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.PaymentEvent.PaymentCharged;
import com.example.orderflow.contracts.PaymentEvent.PaymentDeclined;
import com.example.orderflow.contracts.PaymentEvent.PaymentRefunded;
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

		assertThat(Payment.charged(first, this.now).replyToCharge(again, this.now)).get()
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

		assertThat(Payment.charged(charge, this.now).refund(this.now).replyToCharge(resend(charge), this.now))
			.isEmpty();
	}

	@Test
	void refundingAChargedPaymentRepliesWithTheChargedAmountEveryTime() {
		ChargePayment charge = charge("alice", 2_500);
		RefundPayment refund = refund(charge);
		Payment refunded = Payment.charged(charge, this.now).refund(this.now.plusSeconds(1));

		assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
		assertThat(refunded.createdAt()).isEqualTo(this.now);
		assertThat(refunded.updatedAt()).isEqualTo(this.now.plusSeconds(1));
		assertThat(refunded.replyToRefund(refund, this.now).refunded()).isEqualTo(new Money(2_500, "EUR"));
		assertThat(refunded.replyToRefund(resend(refund), this.now).refunded()).isEqualTo(new Money(2_500, "EUR"));
	}

	@Test
	void refundsNothingForADeclinedOrCancelledPayment() {
		ChargePayment charge = charge("bob", 2_500);
		RefundPayment refund = refund(charge);

		PaymentRefunded declined = Payment.declined(charge, DeclineReason.NO_ACCOUNT, this.now)
			.replyToRefund(refund, this.now);
		PaymentRefunded cancelled = Payment.cancelled(refund, Payment.NO_CURRENCY, this.now)
			.replyToRefund(refund, this.now);

		assertThat(declined.refunded()).isEqualTo(new Money(0, "EUR"));
		assertThat(cancelled.refunded()).isEqualTo(new Money(0, "XXX"));
	}

	@Test
	void refusesToRefundAPaymentThatWasNotCharged() {
		ChargePayment charge = charge("bob", 2_500);

		assertThatIllegalStateException()
			.isThrownBy(() -> Payment.declined(charge, DeclineReason.NO_ACCOUNT, this.now).refund(this.now));
		assertThatIllegalStateException()
			.isThrownBy(() -> Payment.charged(charge, this.now).refund(this.now).refund(this.now));
	}

	@Test
	void refusesToReplyToARefundBeforeTheChargeWasGivenBack() {
		ChargePayment charge = charge("alice", 2_500);

		assertThatIllegalStateException()
			.isThrownBy(() -> Payment.charged(charge, this.now).replyToRefund(refund(charge), this.now));
	}

	@Test
	void keepsADeclineReasonOnlyOnDeclinedPayments() {
		ChargePayment charge = charge("alice", 2_500);

		assertThatIllegalArgumentException().isThrownBy(() -> new Payment(charge.orderId(), charge.sagaId(), "alice",
				charge.amount(), PaymentStatus.CHARGED, DeclineReason.NO_ACCOUNT, this.now, this.now));
		assertThatIllegalArgumentException().isThrownBy(() -> new Payment(charge.orderId(), charge.sagaId(), "alice",
				charge.amount(), PaymentStatus.DECLINED, null, this.now, this.now));
	}

}
