package com.example.orderflow.orchestrator.placeorder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.orchestrator.placeorder.PlaceOrderSagaTests.MutableClock;
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
 * What each stored move of a saga adds to the metrics; each move is "stored" (its steps
 * drained) as the repository would before the next one. No broker, no database.
 */
class SagaTallyTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

	private final PlaceOrderSaga saga = new PlaceOrderSaga(this.clock, SagaFixtures.properties(Duration.ofSeconds(10)),
			SagaFixtures.fixedJitter(0.5));

	private final OrderPlaced placed = orderPlaced();

	private final List<Outgoing> sent = new ArrayList<>();

	@Test
	void countsAStartOnlyForASagaNotStoredYet() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);

		assertThat(stored(running)).isEqualTo(new SagaTally(true, List.of(), null, null, null));
		this.saga.on(running, stockReserved(this.placed), this.sent);
		assertThat(stored(running).isEmpty()).isTrue();
	}

	@Test
	void countsAnApprovalWithTheTimeSinceTheSagaBegan() {
		Saga running = started();
		this.saga.on(running, stockReserved(this.placed), this.sent);
		this.saga.on(running, paymentCharged(this.placed), this.sent);
		this.saga.on(running, reservationConfirmed(this.placed), this.sent);
		stored(running);
		this.clock.advance(Duration.ofMillis(1500));
		this.saga.on(running, orderApproved(this.placed), this.sent);

		assertThat(stored(running))
			.isEqualTo(new SagaTally(false, List.of(), SagaState.APPROVED, null, Duration.ofMillis(1500)));
	}

	@Test
	void countsRejectingTheOrderAsTheOnlyCompensationWhenStockIsOut() {
		Saga running = started();
		this.saga.on(running, outOfStock(this.placed), this.sent);
		assertThat(stored(running))
			.isEqualTo(new SagaTally(false, List.of(SagaState.REJECTING_ORDER), null, null, null));

		this.saga.on(running, orderRejected(this.placed, RejectionReason.OUT_OF_STOCK), this.sent);
		assertThat(stored(running)).isEqualTo(
				new SagaTally(false, List.of(), SagaState.REJECTED, RejectionReason.OUT_OF_STOCK, Duration.ZERO));
	}

	@Test
	void countsEachCompensatingStepEnteredWhenPaymentIsDeclined() {
		Saga running = started();
		this.saga.on(running, stockReserved(this.placed), this.sent);
		this.saga.on(running, paymentDeclined(this.placed), this.sent);
		this.saga.on(running, stockReleased(this.placed), this.sent);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.PAYMENT_DECLINED), this.sent);

		// all moves stored at once, as a batch would
		assertThat(stored(running))
			.isEqualTo(new SagaTally(false, List.of(SagaState.RELEASING_STOCK, SagaState.REJECTING_ORDER),
					SagaState.REJECTED, RejectionReason.PAYMENT_DECLINED, Duration.ZERO));
	}

	@Test
	void countsRefundReleaseAndRejectWhenPaymentDoesNotAnswerInTime() {
		Saga running = started();
		this.saga.on(running, stockReserved(this.placed), this.sent);
		stored(running);
		this.clock.advance(Duration.ofSeconds(10));
		this.saga.onDeadline(running, this.sent);
		this.saga.on(running, paymentRefunded(this.placed, 0), this.sent);
		this.saga.on(running, stockReleased(this.placed), this.sent);

		assertThat(stored(running).compensationsEntered()).containsExactly(SagaState.REFUNDING_PAYMENT,
				SagaState.RELEASING_STOCK, SagaState.REJECTING_ORDER);
	}

	@Test
	void countsNothingForRepeatedOrLateReplies() {
		Saga running = started();
		this.saga.on(running, outOfStock(this.placed), this.sent);
		this.saga.on(running, orderRejected(this.placed, RejectionReason.OUT_OF_STOCK), this.sent);
		stored(running);

		this.saga.on(running, orderRejected(this.placed, RejectionReason.OUT_OF_STOCK), this.sent);
		this.saga.on(running, stockReserved(this.placed), this.sent);
		assertThat(stored(running).isEmpty()).isTrue();
	}

	@Test
	void doesNotCountACompensationAgainWhenAnOperatorResumesIt() {
		Saga running = started();
		this.saga.on(running, stockReserved(this.placed), this.sent);
		this.saga.on(running, paymentDeclined(this.placed), this.sent);
		stored(running);
		for (int i = 0; i < 3; i++) {
			this.clock.advance(Duration.ofMinutes(1));
			this.saga.onDeadline(running, this.sent);
		}
		assertThat(running.state()).isEqualTo(SagaState.PARKED);
		assertThat(stored(running).isEmpty()).isTrue();

		this.saga.retry(running, SagaFixtures.OPERATOR, this.sent);
		assertThat(stored(running).isEmpty()).isTrue();
		this.saga.on(running, stockReleased(this.placed), this.sent);
		assertThat(stored(running).compensationsEntered()).containsExactly(SagaState.REJECTING_ORDER);
	}

	private Saga started() {
		Saga running = this.saga.start(this.placed, SagaFixtures.CUSTOMER, this.sent);
		stored(running);
		return running;
	}

	/** The tally of the moves since the last store, then stores them. */
	private static SagaTally stored(Saga saga) {
		SagaTally tally = SagaTally.of(saga);
		saga.drainNewSteps();
		return tally;
	}

}
