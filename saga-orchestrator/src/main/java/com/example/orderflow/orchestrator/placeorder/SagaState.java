package com.example.orderflow.orchestrator.placeorder;

/**
 * Where a saga is. Every non-terminal state waits for one participant's reply and has a
 * deadline.
 */
enum SagaState {

	RESERVING_STOCK(Kind.FORWARD), CHARGING_PAYMENT(Kind.FORWARD), CONFIRMING_RESERVATION(Kind.FORWARD),
	APPROVING_ORDER(Kind.FORWARD), APPROVED(Kind.TERMINAL),

	REFUNDING_PAYMENT(Kind.COMPENSATING), RELEASING_STOCK(Kind.COMPENSATING), REJECTING_ORDER(Kind.COMPENSATING),
	REJECTED(Kind.TERMINAL);

	private final Kind kind;

	SagaState(Kind kind) {
		this.kind = kind;
	}

	boolean isTerminal() {
		return this.kind == Kind.TERMINAL;
	}

	String status() {
		return switch (this.kind) {
			case FORWARD -> "IN_PROGRESS";
			case COMPENSATING -> "COMPENSATING";
			case TERMINAL -> name();
		};
	}

	private enum Kind {

		FORWARD, COMPENSATING, TERMINAL

	}

}
