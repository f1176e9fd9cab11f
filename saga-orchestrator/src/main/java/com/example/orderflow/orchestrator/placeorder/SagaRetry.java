package com.example.orderflow.orchestrator.placeorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's retry of a parked saga, once the cause (a participant down, a PSP
 * failing) is fixed. The saga row is locked, so a retry racing a late reply or another
 * retry moves the saga once; retrying a saga that is not parked changes nothing.
 */
@Component
class SagaRetry {

	private final SagaRepository sagas;

	private final PlaceOrderSaga definition;

	private final SagaWriter writer;

	SagaRetry(SagaRepository sagas, PlaceOrderSaga definition, SagaWriter writer) {
		this.sagas = sagas;
		this.definition = definition;
		this.writer = writer;
	}

	/**
	 * @param operator the principal of the operator retrying: recorded with the retried
	 * step and carried by the command it sends
	 * @return empty if the order has no saga
	 */
	@Transactional
	Optional<Boolean> retry(UUID orderId, String operator) {
		return this.sagas.lockByOrderId(orderId).map((saga) -> {
			List<Outgoing> out = new ArrayList<>(1);
			if (!this.definition.retry(saga, operator, out)) {
				return false;
			}
			this.writer.save(saga, out);
			return true;
		});
	}

}
