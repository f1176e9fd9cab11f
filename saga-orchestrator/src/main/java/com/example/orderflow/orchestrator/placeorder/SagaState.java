package com.example.orderflow.orchestrator.placeorder;

/**
 * Where a saga is. Every non-terminal state waits for one participant's reply and has a
 * deadline.
 */
enum SagaState {

	RESERVING_STOCK(Kind.FORWARD), CHARGING_PAYMENT(Kind.FORWARD), CONFIRMING_RESERVATION(Kind.FORWARD),
	APPROVING_ORDER(Kind.FORWARD), APPROVED(Kind.TERMINAL),

	REFUNDING_PAYMENT(Kind.COMPENSATING), RELEASING_STOCK(Kind.COMPENSATING), REJECTING_ORDER(Kind.COMPENSATING),
	REJECTED(Kind.TERMINAL),

	/**
	 * A step went unanswered too often, or a refund kept failing: the saga waits,
	 * visibly, for an operator to fix the cause and retry it. It remembers the state it
	 * was parked in and why.
	 */
	PARKED(Kind.PARKED);

	private final Kind kind;

	SagaState(Kind kind) {
		this.kind = kind;
	}

	boolean isTerminal() {
		return this.kind == Kind.TERMINAL;
	}

	boolean isCompensating() {
		return this.kind == Kind.COMPENSATING;
	}

	/** No deadline: finished, or waiting for an operator. */
	boolean isResting() {
		return this.kind == Kind.TERMINAL || this.kind == Kind.PARKED;
	}

	String status() {
		return switch (this.kind) {
			case FORWARD -> "IN_PROGRESS";
			case COMPENSATING -> "COMPENSATING";
			case TERMINAL, PARKED -> name();
		};
	}

	private enum Kind {

		FORWARD, COMPENSATING, TERMINAL, PARKED

	}

}
