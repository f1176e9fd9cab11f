package com.example.orderflow.orchestrator.placeorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.example.orderflow.contracts.InventoryCommand.ConfirmReservation;
import com.example.orderflow.contracts.InventoryCommand.ReleaseStock;
import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.OrderCommand.ApproveOrder;
import com.example.orderflow.contracts.OrderCommand.RejectOrder;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import org.junit.jupiter.api.Test;

import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderApproved;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderPlaced;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderRejected;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.outOfStock;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentCharged;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentDeclined;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentFailed;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentRefunded;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.refundFailed;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.reservationConfirmed;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReleased;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One test per path of the saga: given these replies, expect these commands and this end
 * state. No broker, no database.
 */
class PlaceOrderSagaTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

	private final PlaceOrderSaga saga = new PlaceOrderSaga(this.clock, SagaFixtures.properties(Duration.ofSeconds(10)),
			SagaFixtures.fixedJitter(0.5));

	private final OrderPlaced placed = orderPlaced();

	private final List<Outgoing> sent = new ArrayList<>();

	@Test
	void approvesAnOrderWhoseStockIsReservedAndPaymentCharged() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		assertThat(running.state()).isEqualTo(SagaState.RESERVING_STOCK);
		assertThat(running.stepDeadline()).isEqualTo(this.clock.instant().plusSeconds(10));
		ReserveStock reserve = lastSent(Topics.INVENTORY_COMMANDS, ReserveStock.class);
		assertThat(reserve.items()).isEqualTo(this.placed.items());

		this.saga.on(running, stockReserved(this.placed), this.sent);
		ChargePayment charge = lastSent(Topics.PAYMENT_COMMANDS, ChargePayment.class);
		assertThat(charge.amount()).isEqualTo(SagaFixtures.TOTAL);
		assertThat(charge.customerId()).isEqualTo("alice");

		this.saga.on(running, paymentCharged(this.placed), this.sent);
		lastSent(Topics.INVENTORY_COMMANDS, ConfirmReservation.class);

		this.saga.on(running, reservationConfirmed(this.placed), this.sent);
		ApproveOrder approve = lastSent(Topics.ORDER_COMMANDS, ApproveOrder.class);
		assertThat(approve.total()).isEqualTo(SagaFixtures.TOTAL);
		assertThat(approve.lines()).hasSize(2);

		this.saga.on(running, orderApproved(this.placed), this.sent);
		assertThat(running.state()).isEqualTo(SagaState.APPROVED);
		assertThat(running.stepDeadline()).isNull();
		assertThat(this.sent).hasSize(4);
		assertThat(this.sent).allSatisfy((out) -> assertThat(out.command().sagaId()).isEqualTo(this.placed.sagaId()));
		assertThat(running.drainNewSteps()).extracting(SagaStep::state)
			.containsExactly(SagaState.RESERVING_STOCK, SagaState.CHARGING_PAYMENT, SagaState.CONFIRMING_RESERVATION,
					SagaState.APPROVING_ORDER, SagaState.APPROVED);
	}

	@Test
	void rejectsWithoutChargingWhenStockIsOut() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		this.saga.on(running, outOfStock(this.placed), this.sent);

		RejectOrder reject = lastSent(Topics.ORDER_COMMANDS, RejectOrder.class);
		assertThat(reject.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.OUT_OF_STOCK), this.sent);

		assertThat(running.state()).isEqualTo(SagaState.REJECTED);
		assertThat(running.rejection()).isEqualTo(RejectionReason.OUT_OF_STOCK);
		assertThat(this.sent).extracting(Outgoing::topic).doesNotContain(Topics.PAYMENT_COMMANDS);
	}

	@Test
	void releasesTheReservationThenRejectsWhenPaymentIsDeclined() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		this.saga.on(running, stockReserved(this.placed), this.sent);
		this.saga.on(running, paymentDeclined(this.placed), this.sent);

		lastSent(Topics.INVENTORY_COMMANDS, ReleaseStock.class);
		assertThat(running.state()).isEqualTo(SagaState.RELEASING_STOCK);
		this.saga.on(running, stockReleased(this.placed), this.sent);

		RejectOrder reject = lastSent(Topics.ORDER_COMMANDS, RejectOrder.class);
		assertThat(reject.reason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
		assertThat(reject.total()).isEqualTo(SagaFixtures.TOTAL);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.PAYMENT_DECLINED), this.sent);
		assertThat(running.state()).isEqualTo(SagaState.REJECTED);
	}

	@Test
	void releasesAndRejectsWithTimeoutWhenInventoryDoesNotAnswerInTime() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(running.isOverdue(this.clock.instant())).isTrue();

		this.saga.onDeadline(running, this.sent);
		lastSent(Topics.INVENTORY_COMMANDS, ReleaseStock.class);
		this.saga.on(running, stockReleased(this.placed), this.sent);
		RejectOrder reject = lastSent(Topics.ORDER_COMMANDS, RejectOrder.class);
		assertThat(reject.reason()).isEqualTo(RejectionReason.TIMEOUT);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.TIMEOUT), this.sent);
		assertThat(running.state()).isEqualTo(SagaState.REJECTED);
	}

	@Test
	void refundsThenReleasesWhenPaymentDoesNotAnswerInTime() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		this.saga.on(running, stockReserved(this.placed), this.sent);
		this.clock.advance(Duration.ofSeconds(11));

		this.saga.onDeadline(running, this.sent);
		RefundPayment refund = lastSent(Topics.PAYMENT_COMMANDS, RefundPayment.class);
		assertThat(refund.customerId()).isEqualTo("alice");

		// the charge went through after all, but it is too late: the refund is already
		// queued behind it
		this.saga.on(running, paymentCharged(this.placed), this.sent);
		assertThat(running.state()).isEqualTo(SagaState.REFUNDING_PAYMENT);

		this.saga.on(running, paymentRefunded(this.placed, SagaFixtures.TOTAL.amount()), this.sent);
		lastSent(Topics.INVENTORY_COMMANDS, ReleaseStock.class);
		this.saga.on(running, stockReleased(this.placed), this.sent);
		assertThat(lastSent(Topics.ORDER_COMMANDS, RejectOrder.class).reason()).isEqualTo(RejectionReason.TIMEOUT);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.TIMEOUT), this.sent);
		assertThat(running.state()).isEqualTo(SagaState.REJECTED);
	}

	@Test
	void resendsConfirmationPastThePointOfNoReturnInsteadOfCompensating() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		this.saga.on(running, stockReserved(this.placed), this.sent);
		this.saga.on(running, paymentCharged(this.placed), this.sent);
		ConfirmReservation first = lastSent(Topics.INVENTORY_COMMANDS, ConfirmReservation.class);
		this.clock.advance(Duration.ofSeconds(10));

		this.saga.onDeadline(running, this.sent);

		ConfirmReservation again = lastSent(Topics.INVENTORY_COMMANDS, ConfirmReservation.class);
		assertThat(again.messageId()).isNotEqualTo(first.messageId());
		assertThat(running.state()).isEqualTo(SagaState.CONFIRMING_RESERVATION);
		assertThat(running.stepAttempts()).isEqualTo(1);
		assertThat(running.stepDeadline()).isEqualTo(this.clock.instant().plusSeconds(20));
		assertThat(this.sent).extracting(Outgoing::topic).doesNotContain(Topics.ORDER_COMMANDS);

		this.saga.on(running, reservationConfirmed(this.placed), this.sent);
		this.saga.on(running, orderApproved(this.placed), this.sent);
		assertThat(running.state()).isEqualTo(SagaState.APPROVED);
	}

	@Test
	void parksACompensationThatIsNeverAnsweredAndResumesItOnAnOperatorsRetry() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		this.saga.on(running, stockReserved(this.placed), this.sent);
		this.saga.on(running, paymentDeclined(this.placed), this.sent);
		assertThat(running.state()).isEqualTo(SagaState.RELEASING_STOCK);

		// three attempts in all (the fixture's limit), then the saga stops retrying
		for (int deadline = 0; deadline < 3; deadline++) {
			this.clock.advance(Duration.ofMinutes(1));
			this.saga.onDeadline(running, this.sent);
		}
		assertThat(running.state()).isEqualTo(SagaState.PARKED);
		assertThat(running.parkedIn()).isEqualTo(SagaState.RELEASING_STOCK);
		assertThat(running.parkedReason()).isEqualTo("no reply to ReleaseStock after 3 attempt(s)");
		assertThat(running.stepDeadline()).isNull();
		assertThat(this.sent).filteredOn((out) -> out.command() instanceof ReleaseStock).hasSize(3);

		int sentBeforeRetry = this.sent.size();
		assertThat(this.saga.retry(running, SagaFixtures.OPERATOR, this.sent)).isTrue();
		assertThat(running.state()).isEqualTo(SagaState.RELEASING_STOCK);
		assertThat(running.stepAttempts()).isZero();
		lastSent(Topics.INVENTORY_COMMANDS, ReleaseStock.class);
		assertThat(this.saga.retry(running, SagaFixtures.OPERATOR, this.sent)).as("a second retry changes nothing")
			.isFalse();
		assertThat(this.sent).hasSize(sentBeforeRetry + 1);

		this.saga.on(running, stockReleased(this.placed), this.sent);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.PAYMENT_DECLINED), this.sent);
		assertThat(running.state()).isEqualTo(SagaState.REJECTED);
	}

	@Test
	void recordsEveryStepWithThePrincipalItWasDoneFor() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		// a reply from a participant older than the principal header
		running.actFor(null);
		this.saga.on(running, stockReserved(this.placed), this.sent);
		running.actFor("support-sam");
		this.saga.on(running, paymentDeclined(this.placed), this.sent);
		for (int deadline = 0; deadline < 3; deadline++) {
			this.clock.advance(Duration.ofMinutes(1));
			this.saga.onDeadline(running, this.sent);
		}
		assertThat(running.drainNewSteps()).extracting(SagaStep::event, SagaStep::principal)
			.containsExactly(tuple("OrderPlaced", SagaFixtures.CUSTOMER), tuple("StockReserved", SagaFixtures.CUSTOMER),
					tuple("PaymentDeclined", "support-sam"), tuple("DeadlinePassed", SagaFixtures.CUSTOMER),
					tuple("DeadlinePassed", SagaFixtures.CUSTOMER), tuple("Parked", SagaFixtures.CUSTOMER));

		this.saga.retry(running, SagaFixtures.OPERATOR, this.sent);

		assertThat(running.drainNewSteps()).extracting(SagaStep::event, SagaStep::principal)
			.containsExactly(tuple("OperatorRetry", SagaFixtures.OPERATOR));
		assertThat(running.actingFor()).as("the retried command is sent for the operator")
			.isEqualTo(SagaFixtures.OPERATOR);
		assertThat(running.placedBy()).isEqualTo(SagaFixtures.CUSTOMER);
	}

	@Test
	void recordsNoPrincipalForASagaWhoseOrderPlacedNamedNone() {
		Saga running = this.saga.start(this.placed, null, this.sent);
		this.saga.on(running, stockReserved(this.placed), this.sent);

		assertThat(running.drainNewSteps()).extracting(SagaStep::principal).containsExactly(null, null);
		assertThat(running.placedBy()).isNull();
	}

	@Test
	void parksAPaidOrderWhoseConfirmationOutlivesTheSagaDeadline() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		this.saga.on(running, stockReserved(this.placed), this.sent);
		this.saga.on(running, paymentCharged(this.placed), this.sent);
		this.clock.advance(Duration.ofMinutes(11));

		this.saga.onDeadline(running, this.sent);

		assertThat(running.state()).isEqualTo(SagaState.PARKED);
		assertThat(running.parkedIn()).isEqualTo(SagaState.CONFIRMING_RESERVATION);
		assertThat(this.sent).extracting(Outgoing::topic).doesNotContain(Topics.ORDER_COMMANDS);
		assertThat(this.sent).filteredOn((out) -> out.command() instanceof RefundPayment).isEmpty();
	}

	@Test
	void ignoresRepeatedAndLateRepliesButRecordsThem() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		this.saga.on(running, outOfStock(this.placed), this.sent);
		int sentBefore = this.sent.size();

		this.saga.on(running, stockReserved(this.placed), this.sent);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.OUT_OF_STOCK), this.sent);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.OUT_OF_STOCK), this.sent);

		assertThat(running.state()).isEqualTo(SagaState.REJECTED);
		assertThat(this.sent).hasSize(sentBefore);
		assertThat(running.drainNewSteps()).extracting(SagaStep::detail)
			.contains("ignored in REJECTING_ORDER", "ignored in REJECTED");
	}

	@Test
	void resendsAFailedChargeWithGrowingBackoffThenRefundsAndRejectsAsPaymentUnavailable() {
		Saga running = chargingPayment();
		ChargePayment first = lastSent(Topics.PAYMENT_COMMANDS, ChargePayment.class);

		List<Duration> waits = new ArrayList<>();
		for (int attempt = 2; attempt <= 4; attempt++) {
			int sentBefore = this.sent.size();
			this.saga.on(running, paymentFailed(this.placed), this.sent);
			assertThat(this.sent).as("nothing is sent before the backoff passed").hasSize(sentBefore);
			assertThat(running.state()).isEqualTo(SagaState.CHARGING_PAYMENT);
			assertThat(running.resendPending()).isTrue();
			waits.add(Duration.between(this.clock.instant(), running.stepDeadline()));
			this.clock.advance(waits.getLast().minusMillis(1));
			assertThat(running.isOverdue(this.clock.instant())).isFalse();
			this.clock.advance(Duration.ofMillis(1));
			assertThat(running.isOverdue(this.clock.instant())).isTrue();

			this.saga.onDeadline(running, this.sent);
			ChargePayment again = lastSent(Topics.PAYMENT_COMMANDS, ChargePayment.class);
			assertThat(again.messageId()).isNotEqualTo(first.messageId());
			assertThat(again.amount()).isEqualTo(SagaFixtures.TOTAL);
			assertThat(running.resendPending()).isFalse();
			assertThat(running.stepAttempts()).isEqualTo(attempt - 1);
			assertThat(running.stepDeadline()).as("a re-sent charge gets the normal step timeout")
				.isEqualTo(this.clock.instant().plusSeconds(10));
		}
		assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

		this.saga.on(running, paymentFailed(this.placed), this.sent);
		RefundPayment refund = lastSent(Topics.PAYMENT_COMMANDS, RefundPayment.class);
		assertThat(refund.customerId()).isEqualTo("alice");
		assertThat(running.state()).isEqualTo(SagaState.REFUNDING_PAYMENT);
		assertThat(running.rejection()).isEqualTo(RejectionReason.PAYMENT_UNAVAILABLE);
		assertThat(this.sent).filteredOn((out) -> out.command() instanceof ChargePayment).hasSize(4);
		assertThat(running.drainNewSteps()).extracting(SagaStep::detail)
			.contains(
					"payment provider timed out; waiting to re-send ChargePayment (attempt 2 of 4) at 2026-01-01T10:00:01Z",
					"re-sent ChargePayment (attempt 2 of 4)", "re-sent ChargePayment (attempt 4 of 4)",
					"charge failed after 4 attempt(s): payment provider timed out");

		this.saga.on(running, paymentRefunded(this.placed, SagaFixtures.TOTAL.amount()), this.sent);
		lastSent(Topics.INVENTORY_COMMANDS, ReleaseStock.class);
		this.saga.on(running, stockReleased(this.placed), this.sent);
		assertThat(lastSent(Topics.ORDER_COMMANDS, RejectOrder.class).reason())
			.isEqualTo(RejectionReason.PAYMENT_UNAVAILABLE);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.PAYMENT_UNAVAILABLE), this.sent);
		assertThat(running.state()).isEqualTo(SagaState.REJECTED);
	}

	@Test
	void drawsEachWaitBeforeAResendFromTheJitterRange() {
		PlaceOrderSaga jittered = new PlaceOrderSaga(this.clock, SagaFixtures.properties(Duration.ofSeconds(10)),
				SagaFixtures.fixedJitter(0));
		Saga running = jittered.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		jittered.on(running, stockReserved(this.placed), this.sent);

		jittered.on(running, paymentFailed(this.placed), this.sent);

		assertThat(running.stepDeadline()).isEqualTo(this.clock.instant().plusMillis(750));
	}

	@Test
	void continuesWhenAnEarlierChargeSucceedsWhileWaitingToResend() {
		Saga running = chargingPayment();
		this.saga.on(running, paymentFailed(this.placed), this.sent);

		this.saga.on(running, paymentCharged(this.placed), this.sent);

		lastSent(Topics.INVENTORY_COMMANDS, ConfirmReservation.class);
		assertThat(running.state()).isEqualTo(SagaState.CONFIRMING_RESERVATION);
		assertThat(running.resendPending()).isFalse();
		assertThat(running.stepDeadline()).isEqualTo(this.clock.instant().plusSeconds(10));
		this.clock.advance(Duration.ofSeconds(10));
		this.saga.onDeadline(running, this.sent);
		assertThat(this.sent).as("the pending re-send of the charge is cancelled")
			.filteredOn((out) -> out.command() instanceof ChargePayment)
			.hasSize(1);
		lastSent(Topics.INVENTORY_COMMANDS, ConfirmReservation.class);
	}

	@Test
	void releasesStockWhenAnEarlierChargeIsDeclinedWhileWaitingToResend() {
		Saga running = chargingPayment();
		this.saga.on(running, paymentFailed(this.placed), this.sent);

		this.saga.on(running, paymentDeclined(this.placed), this.sent);

		lastSent(Topics.INVENTORY_COMMANDS, ReleaseStock.class);
		assertThat(running.state()).isEqualTo(SagaState.RELEASING_STOCK);
		assertThat(running.rejection()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
		assertThat(running.resendPending()).isFalse();
		assertThat(this.sent).filteredOn((out) -> out.command() instanceof ChargePayment).hasSize(1);
	}

	@Test
	void countsARepeatedFailureWhileAResendIsScheduledOnlyOnce() {
		Saga running = chargingPayment();
		this.saga.on(running, paymentFailed(this.placed), this.sent);
		Instant resendAt = running.stepDeadline();
		this.clock.advance(Duration.ofMillis(500));

		this.saga.on(running, paymentFailed(this.placed), this.sent);

		assertThat(running.stepDeadline()).isEqualTo(resendAt);
		assertThat(running.drainNewSteps()).extracting(SagaStep::detail)
			.contains("payment provider timed out; re-send already scheduled");
		this.clock.advance(Duration.ofMillis(500));
		this.saga.onDeadline(running, this.sent);
		assertThat(running.stepAttempts()).isEqualTo(1);
		assertThat(this.sent).filteredOn((out) -> out.command() instanceof ChargePayment).hasSize(2);
	}

	@Test
	void refundsAtOnceWhenTheSagaDeadlineLeavesNoTimeToResendTheCharge() {
		Saga running = chargingPayment();
		this.clock.advance(Duration.ofMinutes(10).minusMillis(500));

		this.saga.on(running, paymentFailed(this.placed), this.sent);

		lastSent(Topics.PAYMENT_COMMANDS, RefundPayment.class);
		assertThat(running.rejection()).isEqualTo(RejectionReason.PAYMENT_UNAVAILABLE);
		assertThat(this.sent).filteredOn((out) -> out.command() instanceof ChargePayment).hasSize(1);
		assertThat(running.drainNewSteps()).extracting(SagaStep::detail)
			.contains("charge failed after 1 attempt(s), no time left before the saga deadline: "
					+ "payment provider timed out");
	}

	@Test
	void parksARefundThatKeepsFailingWithItsReasonAndResumesItOnAnOperatorsRetry() {
		Saga running = chargingPayment();
		failEverySend(running, () -> paymentFailed(this.placed));
		assertThat(running.state()).isEqualTo(SagaState.REFUNDING_PAYMENT);

		failEverySend(running, () -> refundFailed(this.placed));

		assertThat(running.state()).isEqualTo(SagaState.PARKED);
		assertThat(running.parkedIn()).isEqualTo(SagaState.REFUNDING_PAYMENT);
		assertThat(running.parkedReason()).isEqualTo("refund failed after 4 attempt(s): payment provider answered 503");
		assertThat(running.stepDeadline()).isNull();
		assertThat(this.sent).filteredOn((out) -> out.command() instanceof RefundPayment).hasSize(4);

		assertThat(this.saga.retry(running, SagaFixtures.OPERATOR, this.sent)).isTrue();
		lastSent(Topics.PAYMENT_COMMANDS, RefundPayment.class);
		assertThat(running.state()).isEqualTo(SagaState.REFUNDING_PAYMENT);
		assertThat(running.stepAttempts()).isZero();
		assertThat(running.stepDeadline()).isEqualTo(this.clock.instant().plusSeconds(10));
		assertThat(running.sagaDeadline()).as("a fresh saga deadline")
			.isEqualTo(this.clock.instant().plus(Duration.ofMinutes(10)));
		int sentAfterRetry = this.sent.size();
		assertThat(this.saga.retry(running, SagaFixtures.OPERATOR, this.sent)).as("a second retry changes nothing")
			.isFalse();
		assertThat(this.sent).hasSize(sentAfterRetry);
		assertThat(running.state()).isEqualTo(SagaState.REFUNDING_PAYMENT);

		this.saga.on(running, paymentRefunded(this.placed, SagaFixtures.TOTAL.amount()), this.sent);
		lastSent(Topics.INVENTORY_COMMANDS, ReleaseStock.class);
		this.saga.on(running, stockReleased(this.placed), this.sent);
		assertThat(lastSent(Topics.ORDER_COMMANDS, RejectOrder.class).reason())
			.isEqualTo(RejectionReason.PAYMENT_UNAVAILABLE);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.PAYMENT_UNAVAILABLE), this.sent);
		assertThat(running.state()).isEqualTo(SagaState.REJECTED);
	}

	@Test
	void givesAResumedRefundAFreshSetOfAttemptsThenParksItAgainIfItStillFails() {
		Saga running = chargingPayment();
		failEverySend(running, () -> paymentFailed(this.placed));
		failEverySend(running, () -> refundFailed(this.placed));
		// long after the saga deadline: the operator fixed the cause, or thinks so
		this.clock.advance(Duration.ofHours(2));
		this.saga.retry(running, SagaFixtures.OPERATOR, this.sent);

		this.saga.on(running, refundFailed(this.placed), this.sent);
		assertThat(running.resendPending()).isTrue();
		assertThat(running.drainNewSteps()).extracting(SagaStep::detail)
			.anyMatch((detail) -> detail.contains("waiting to re-send RefundPayment (attempt 2 of 4)"));
		this.clock.advance(Duration.between(this.clock.instant(), running.stepDeadline()));
		this.saga.onDeadline(running, this.sent);
		failEverySend(running, () -> refundFailed(this.placed));

		assertThat(running.state()).isEqualTo(SagaState.PARKED);
		assertThat(running.parkedReason()).isEqualTo("refund failed after 4 attempt(s): payment provider answered 503");
		assertThat(this.sent).filteredOn((out) -> out.command() instanceof RefundPayment).hasSize(8);
	}

	@Test
	void parksAFailedRefundAtOnceWhenTheSagaDeadlineLeavesNoTimeToResendIt() {
		Saga running = chargingPayment();
		this.clock.advance(Duration.ofSeconds(10));
		this.saga.onDeadline(running, this.sent);
		assertThat(running.state()).isEqualTo(SagaState.REFUNDING_PAYMENT);
		this.clock.advance(Duration.ofMinutes(10));

		this.saga.on(running, refundFailed(this.placed), this.sent);

		assertThat(running.state()).isEqualTo(SagaState.PARKED);
		assertThat(running.parkedReason()).isEqualTo(
				"refund failed after 1 attempt(s), no time left before the saga deadline: payment provider answered 503");
		assertThat(this.sent).filteredOn((out) -> out.command() instanceof RefundPayment).hasSize(1);
	}

	private Saga chargingPayment() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		this.saga.on(running, stockReserved(this.placed), this.sent);
		return running;
	}

	/**
	 * Answers every send of the current step with a transient failure, each re-send when
	 * it is due, until the saga gives the step up.
	 */
	private void failEverySend(Saga running, Supplier<SagaMessage> failure) {
		SagaState step = running.state();
		this.saga.on(running, failure.get(), this.sent);
		while (running.state() == step && running.resendPending()) {
			this.clock.advance(Duration.between(this.clock.instant(), running.stepDeadline()));
			this.saga.onDeadline(running, this.sent);
			this.saga.on(running, failure.get(), this.sent);
		}
	}

	private <T extends SagaMessage> T lastSent(String topic, Class<T> type) {
		assertThat(this.sent).isNotEmpty();
		Outgoing last = this.sent.get(this.sent.size() - 1);
		assertThat(last.topic()).isEqualTo(topic);
		assertThat(last.command()).isInstanceOf(type);
		return type.cast(last.command());
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
