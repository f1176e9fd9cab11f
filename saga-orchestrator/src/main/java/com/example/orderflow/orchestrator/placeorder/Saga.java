package com.example.orderflow.orchestrator.placeorder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;

/**
 * The persisted state of one place-order saga. Only {@link PlaceOrderSaga} moves it; each
 * move records a history step, which {@link SagaRepository} appends, with the principal
 * the move was made for ({@link #actFor}).
 */
class Saga {

	private final UUID id;

	private final UUID orderId;

	private final String customerId;

	private final String currency;

	private final List<OrderItem> items;

	private final Instant createdAt;

	private final String placedBy;

	private String actingFor;

	private SagaState state;

	private Instant stepDeadline;

	private int stepAttempts;

	private List<PricedLine> lines;

	private Money total;

	private RejectionReason rejection;

	private Instant sagaDeadline;

	private SagaState parkedIn;

	private String parkedReason;

	private boolean resendPending;

	private final List<SagaStep> newSteps = new ArrayList<>();

	private SagaState storedState;

	Saga(UUID id, UUID orderId, String customerId, String currency, List<OrderItem> items, Instant createdAt,
			SagaState state, Instant stepDeadline, int stepAttempts, List<PricedLine> lines, Money total,
			RejectionReason rejection, Instant sagaDeadline, SagaState parkedIn, String parkedReason,
			boolean resendPending, String placedBy) {
		this.id = id;
		this.orderId = orderId;
		this.customerId = customerId;
		this.currency = currency;
		this.items = List.copyOf(items);
		this.createdAt = createdAt;
		this.state = state;
		this.stepDeadline = stepDeadline;
		this.stepAttempts = stepAttempts;
		this.lines = (lines != null) ? List.copyOf(lines) : List.of();
		this.total = total;
		this.rejection = rejection;
		this.sagaDeadline = sagaDeadline;
		this.parkedIn = parkedIn;
		this.parkedReason = parkedReason;
		this.resendPending = resendPending;
		this.placedBy = placedBy;
		this.actingFor = placedBy;
		this.storedState = state;
	}

	/**
	 * @param placedBy the principal that placed the order, null if the OrderPlaced did
	 * not say
	 */
	static Saga begin(UUID id, UUID orderId, String customerId, String currency, List<OrderItem> items, Instant now,
			Instant sagaDeadline, String placedBy) {
		return new Saga(id, orderId, customerId, currency, items, now, null, null, 0, List.of(), null, null,
				sagaDeadline, null, null, false, placedBy);
	}

	/**
	 * Who the moves from now on are made for: recorded with each step, and carried by the
	 * commands they send. Whoever placed the order unless told otherwise: a move prompted
	 * by a message without a principal (from a participant older than the header) or by a
	 * deadline is still done for the order placed.
	 * @param principal the principal of the message or person prompting the moves, or
	 * null
	 */
	void actFor(String principal) {
		this.actingFor = (principal != null) ? principal : this.placedBy;
	}

	/** Enters the next state with a fresh deadline (none once terminal). */
	void moveTo(SagaState next, Instant deadline, Instant now, String event, String detail) {
		this.state = next;
		this.stepDeadline = next.isResting() ? null : deadline;
		this.stepAttempts = 0;
		this.resendPending = false;
		this.newSteps.add(new SagaStep(now, next, event, detail, this.actingFor));
	}

	/** Stays in the current state, waiting again after a re-send. */
	void retryStep(Instant deadline, Instant now, String event, String detail) {
		this.stepAttempts++;
		this.stepDeadline = deadline;
		this.resendPending = false;
		this.newSteps.add(new SagaStep(now, this.state, event, detail, this.actingFor));
	}

	/**
	 * Stays in the current state after a transient failure; the step deadline becomes the
	 * time of the re-send, so the deadline sweeper sends it.
	 */
	void awaitResend(Instant resendAt, Instant now, String event, String detail) {
		this.stepDeadline = resendAt;
		this.resendPending = true;
		this.newSteps.add(new SagaStep(now, this.state, event, detail, this.actingFor));
	}

	/** Stops retrying: waits without a deadline until an operator retries. */
	void park(Instant now, String reason) {
		this.parkedIn = this.state;
		this.parkedReason = reason;
		this.state = SagaState.PARKED;
		this.stepDeadline = null;
		this.resendPending = false;
		this.newSteps.add(new SagaStep(now, SagaState.PARKED, "Parked", reason, this.actingFor));
	}

	/**
	 * Back to the state it was parked in, with a fresh step deadline and attempt count,
	 * and a fresh saga deadline: without it, a step that fails again would park at once
	 * instead of getting its bounded retries.
	 */
	void resume(Instant deadline, Instant newSagaDeadline, Instant now, String event) {
		this.state = this.parkedIn;
		this.parkedIn = null;
		this.parkedReason = null;
		this.stepAttempts = 0;
		this.stepDeadline = deadline;
		this.sagaDeadline = newSagaDeadline;
		this.resendPending = false;
		this.newSteps.add(new SagaStep(now, this.state, event, "resumed by an operator", this.actingFor));
	}

	/** Notes a reply that no longer matters (late or duplicate) without moving. */
	void note(Instant now, String event, String detail) {
		this.newSteps.add(new SagaStep(now, this.state, event, detail, this.actingFor));
	}

	void priced(List<PricedLine> pricedLines, Money orderTotal) {
		this.lines = List.copyOf(pricedLines);
		this.total = orderTotal;
	}

	void rejectBecause(RejectionReason reason) {
		if (this.rejection == null) {
			this.rejection = reason;
		}
	}

	boolean isOverdue(Instant now) {
		return this.stepDeadline != null && !now.isBefore(this.stepDeadline);
	}

	UUID id() {
		return this.id;
	}

	UUID orderId() {
		return this.orderId;
	}

	String customerId() {
		return this.customerId;
	}

	String currency() {
		return this.currency;
	}

	List<OrderItem> items() {
		return this.items;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	/** The principal that placed the order; null if the OrderPlaced did not say. */
	String placedBy() {
		return this.placedBy;
	}

	/** Who the current moves are made for; see {@link #actFor}. */
	String actingFor() {
		return this.actingFor;
	}

	SagaState state() {
		return this.state;
	}

	Instant stepDeadline() {
		return this.stepDeadline;
	}

	int stepAttempts() {
		return this.stepAttempts;
	}

	List<PricedLine> lines() {
		return this.lines;
	}

	Money total() {
		return this.total;
	}

	RejectionReason rejection() {
		return this.rejection;
	}

	Instant sagaDeadline() {
		return this.sagaDeadline;
	}

	SagaState parkedIn() {
		return this.parkedIn;
	}

	String parkedReason() {
		return this.parkedReason;
	}

	/**
	 * Whether the step deadline is when the step is sent again, not a reply's deadline.
	 */
	boolean resendPending() {
		return this.resendPending;
	}

	/**
	 * Steps recorded since the saga was loaded; the repository appends and clears them.
	 */
	List<SagaStep> drainNewSteps() {
		List<SagaStep> steps = List.copyOf(this.newSteps);
		this.newSteps.clear();
		this.storedState = this.state;
		return steps;
	}

	/** Steps recorded since the saga was loaded, left in place for the repository. */
	List<SagaStep> newSteps() {
		return List.copyOf(this.newSteps);
	}

	/**
	 * The state the saga was in when it was loaded or last stored; null for a saga not
	 * stored yet. With {@link #newSteps()} it tells which states a move entered.
	 */
	SagaState storedState() {
		return this.storedState;
	}

}
