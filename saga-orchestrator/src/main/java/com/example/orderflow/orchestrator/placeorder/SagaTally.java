package com.example.orderflow.orchestrator.placeorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.orderflow.contracts.RejectionReason;

/**
 * What storing a saga's latest moves adds to the saga metrics, read from the states its
 * new history steps entered. A step that stays in its state (a late or repeated reply
 * noted, a re-send) enters nothing, so it counts nothing.
 *
 * @param started the saga is stored for the first time
 * @param compensationsEntered the compensating states entered, in order; one an operator
 * resumes a parked saga in is not entered again
 * @param finished the terminal state reached, or null
 * @param rejection why a rejected saga was rejected, or null
 * @param duration from the saga's creation to its terminal state, or null
 */
record SagaTally(boolean started, List<SagaState> compensationsEntered, SagaState finished, RejectionReason rejection,
		Duration duration) {

	SagaTally {
		compensationsEntered = List.copyOf(compensationsEntered);
	}

	/** Reads the moves the saga made since it was loaded; call before storing it. */
	static SagaTally of(Saga saga) {
		SagaState previous = saga.storedState();
		boolean started = previous == null;
		List<SagaState> compensations = new ArrayList<>(1);
		SagaState finished = null;
		Duration duration = null;
		for (SagaStep step : saga.newSteps()) {
			SagaState entered = step.state();
			if (entered != previous) {
				if (entered.isCompensating() && previous != SagaState.PARKED) {
					compensations.add(entered);
				}
				if (entered.isTerminal()) {
					finished = entered;
					duration = Duration.between(saga.createdAt(), step.at());
				}
			}
			previous = entered;
		}
		return new SagaTally(started, compensations, finished,
				(finished == SagaState.REJECTED) ? saga.rejection() : null, duration);
	}

	boolean isEmpty() {
		return !this.started && this.compensationsEntered.isEmpty() && this.finished == null;
	}

}
