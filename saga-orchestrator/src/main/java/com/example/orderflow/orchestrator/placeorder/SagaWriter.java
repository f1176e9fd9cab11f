package com.example.orderflow.orchestrator.placeorder;

import java.time.Clock;
import java.util.List;

import com.example.orderflow.messaging.Outbox;

import org.springframework.stereotype.Component;

/**
 * Stores a saga that moved, with its new history, and writes the commands it decided on
 * to the outbox: all in the caller's transaction, so a move and its commands commit
 * together.
 */
@Component
class SagaWriter {

	private final SagaRepository sagas;

	private final Outbox outbox;

	private final Clock clock;

	SagaWriter(SagaRepository sagas, Outbox outbox, Clock clock) {
		this.sagas = sagas;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * @return false, sending nothing, if the order already has a saga
	 */
	boolean create(Saga saga, List<Outgoing> out) {
		if (!this.sagas.insert(saga)) {
			return false;
		}
		send(out);
		return true;
	}

	void save(Saga saga, List<Outgoing> out) {
		this.sagas.update(saga, this.clock.instant());
		send(out);
	}

	private void send(List<Outgoing> out) {
		out.forEach((outgoing) -> this.outbox.add(outgoing.topic(), outgoing.command()));
	}

}
