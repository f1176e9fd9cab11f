package com.example.orderflow.orchestrator.placeorder;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;

/**
 * A saga as {@code GET /sagas/{orderId}} shows it: where it is, what it waits for until
 * when, and everything that happened to it. {@code resendAt} is set while the current
 * step waits to be sent again after a transient failure (then {@code stepDeadline} is
 * that time too). {@code placedBy} is the principal that placed the order; each history
 * step names the principal it was done for.
 */
record SagaView(UUID sagaId, UUID orderId, String customerId, String placedBy, String status, String state,
		String currentStep, RejectionReason rejectionReason, String currency, List<PricedLine> lines, Long total,
		Instant stepDeadline, int stepAttempts, Instant resendAt, Instant sagaDeadline, SagaState parkedIn,
		String parkedReason, Instant createdAt, Instant updatedAt, List<SagaStep> history) {

	static SagaView of(Saga saga, Instant updatedAt, List<SagaStep> history) {
		SagaState state = saga.state();
		return new SagaView(saga.id(), saga.orderId(), saga.customerId(), saga.placedBy(), state.status(), state.name(),
				state.isResting() ? null : state.name(), saga.rejection(), saga.currency(), saga.lines(),
				(saga.total() != null) ? saga.total().amount() : null, saga.stepDeadline(), saga.stepAttempts(),
				saga.resendPending() ? saga.stepDeadline() : null, saga.sagaDeadline(), saga.parkedIn(),
				saga.parkedReason(), saga.createdAt(), updatedAt, history);
	}

}
