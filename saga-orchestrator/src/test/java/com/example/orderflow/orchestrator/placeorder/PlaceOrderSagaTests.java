package com.example.orderflow.orchestrator.placeorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentRefunded;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.reservationConfirmed;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReleased;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per path of the saga: given these replies, expect these commands and this end
 * state. No broker, no database.
 */
class PlaceOrderSagaTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

	private final PlaceOrderSaga saga = new PlaceOrderSaga(this.clock, SagaFixtures.properties(Duration.ofSeconds(10)));

	private final OrderPlaced placed = orderPlaced();

	private final List<Outgoing> sent = new ArrayList<>();

	@Test
	void approvesAnOrderWhoseStockIsReservedAndPaymentCharged() {
		Saga running = this.saga.start(this.placed, this.sent);
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
		Saga running = this.saga.start(this.placed, this.sent);
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
		Saga running = this.saga.start(this.placed, this.sent);
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
		Saga running = this.saga.start(this.placed, this.sent);
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
		Saga running = this.saga.start(this.placed, this.sent);
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
		Saga running = this.saga.start(this.placed, this.sent);
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
		Saga running = this.saga.start(this.placed, this.sent);
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
		assertThat(this.saga.retry(running, this.sent)).isTrue();
		assertThat(running.state()).isEqualTo(SagaState.RELEASING_STOCK);
		assertThat(running.stepAttempts()).isZero();
		lastSent(Topics.INVENTORY_COMMANDS, ReleaseStock.class);
		assertThat(this.saga.retry(running, this.sent)).as("a second retry changes nothing").isFalse();
		assertThat(this.sent).hasSize(sentBeforeRetry + 1);

		this.saga.on(running, stockReleased(this.placed), this.sent);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.PAYMENT_DECLINED), this.sent);
		assertThat(running.state()).isEqualTo(SagaState.REJECTED);
	}

	@Test
	void parksAPaidOrderWhoseConfirmationOutlivesTheSagaDeadline() {
		Saga running = this.saga.start(this.placed, this.sent);
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
		Saga running = this.saga.start(this.placed, this.sent);
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
