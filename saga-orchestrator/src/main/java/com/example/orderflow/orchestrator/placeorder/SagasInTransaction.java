package com.example.orderflow.orchestrator.placeorder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The sagas one transaction has locked, and what it has moved: {@link SagaRepository}
 * stores the moves with one statement for all the sagas and one for all the new history
 * steps just before the transaction commits. A saga locked twice in one transaction is
 * the same object both times, so a second move starts where the first ended.
 */
final class SagasInTransaction {

	private final Map<UUID, Saga> lockedByOrderId = new HashMap<>();

	private final Map<UUID, Moved> movedById = new LinkedHashMap<>();

	private final List<NewStep> steps = new ArrayList<>();

	@Nullable Saga locked(UUID orderId) {
		return this.lockedByOrderId.get(orderId);
	}

	void locked(Saga saga) {
		this.lockedByOrderId.put(saga.orderId(), saga);
	}

	/** Takes the saga's new history steps, so they are appended once. */
	void moved(Saga saga, Instant at) {
		this.movedById.put(saga.id(), new Moved(saga, at));
		takeNewSteps(saga);
	}

	void takeNewSteps(Saga saga) {
		saga.drainNewSteps().forEach((step) -> this.steps.add(new NewStep(saga.id(), step)));
	}

	Collection<Moved> moved() {
		return this.movedById.values();
	}

	List<NewStep> steps() {
		return this.steps;
	}

	/** A saga as it is after its last move in the transaction, and when that was. */
	record Moved(Saga saga, Instant at) {
	}

	record NewStep(UUID sagaId, SagaStep step) {
	}

}
