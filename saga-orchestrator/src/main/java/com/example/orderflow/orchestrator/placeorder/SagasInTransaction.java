package com.example.orderflow.orchestrator.placeorder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.orderflow.messaging.LockedRows;
import org.jspecify.annotations.Nullable;

/**
 * The sagas one transaction has locked, begun and moved: {@link SagaRepository} stores
 * the new sagas with one statement, the moves with one for all the sagas and one for all
 * the new history steps just before the transaction commits. A saga locked twice in one
 * transaction is the same object both times, so a second move starts where the first
 * ended.
 */
final class SagasInTransaction {

	/** By order id. */
	private final LockedRows<UUID, Saga> locked = new LockedRows<>();

	private final Map<UUID, Created> createdById = new LinkedHashMap<>();

	private final Map<UUID, Moved> movedById = new LinkedHashMap<>();

	private final List<NewStep> steps = new ArrayList<>();

	LockedRows<UUID, Saga> locked() {
		return this.locked;
	}

	/**
	 * A new saga, inserted at the commit as it is by then.
	 * @return false if the order has a saga in this transaction already
	 */
	boolean created(Saga saga, @Nullable String traceParent) {
		if (this.locked.get(saga.orderId()).isPresent()) {
			return false;
		}
		this.locked.put(saga.orderId(), saga);
		this.createdById.put(saga.id(), new Created(saga, traceParent, saga.createdAt()));
		takeNewSteps(saga);
		return true;
	}

	/** Takes the saga's new history steps, so they are appended once. */
	void moved(Saga saga, Instant at) {
		Created created = this.createdById.get(saga.id());
		if (created != null) {
			// not stored yet: inserted as the move left it
			this.createdById.put(saga.id(), new Created(saga, created.traceParent(), at));
		}
		else {
			this.movedById.put(saga.id(), new Moved(saga, at));
		}
		takeNewSteps(saga);
	}

	void takeNewSteps(Saga saga) {
		saga.drainNewSteps().forEach((step) -> this.steps.add(new NewStep(saga.id(), step)));
	}

	Collection<Created> created() {
		return this.createdById.values();
	}

	Collection<Moved> moved() {
		return this.movedById.values();
	}

	List<NewStep> steps() {
		return this.steps;
	}

	/**
	 * A saga begun in the transaction, as it is after its last move, and when that was.
	 *
	 * @param traceParent the trace of the order that started it
	 */
	record Created(Saga saga, @Nullable String traceParent, Instant updatedAt) {
	}

	/** A saga as it is after its last move in the transaction, and when that was. */
	record Moved(Saga saga, Instant at) {
	}

	record NewStep(UUID sagaId, SagaStep step) {
	}

}
