package com.example.orderflow.orchestrator.placeorder;

import java.time.Clock;
import java.util.List;

import com.example.orderflow.messaging.MessagePrincipal;
import com.example.orderflow.messaging.Outbox;

import org.springframework.stereotype.Component;

/**
 * Stores a saga that moved, with its new history, and writes the commands it decided on
 * to the outbox: all in the caller's transaction, so a move and its commands commit
 * together. The commands carry the principal the moves were made for
 * ({@link MessagePrincipal}), whether the moves were prompted by a message, a deadline or
 * an operator. What the move adds to the saga metrics is counted once that transaction
 * commits.
 */
@Component
class SagaWriter {

	private final SagaRepository sagas;

	private final Outbox outbox;

	private final Clock clock;

	private final SagaMetrics metrics;

	SagaWriter(SagaRepository sagas, Outbox outbox, Clock clock, SagaMetrics metrics) {
		this.sagas = sagas;
		this.outbox = outbox;
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * @return false, sending nothing, if the order already has a saga
	 */
	boolean create(Saga saga, List<Outgoing> out) {
		// read before the repository takes the new steps
		SagaTally tally = SagaTally.of(saga);
		if (!this.sagas.insert(saga)) {
			return false;
		}
		send(saga, out);
		this.metrics.countAfterCommit(tally);
		return true;
	}

	void save(Saga saga, List<Outgoing> out) {
		SagaTally tally = SagaTally.of(saga);
		this.sagas.update(saga, this.clock.instant());
		send(saga, out);
		this.metrics.countAfterCommit(tally);
	}

	private void send(Saga saga, List<Outgoing> out) {
		MessagePrincipal.runAs(saga.actingFor(),
				() -> out.forEach((outgoing) -> this.outbox.add(outgoing.topic(), outgoing.command())));
	}

}
