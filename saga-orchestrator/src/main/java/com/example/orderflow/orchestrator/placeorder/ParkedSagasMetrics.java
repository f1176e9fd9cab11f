package com.example.orderflow.orchestrator.placeorder;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Parked sagas need a person: the gauge is what an alert watches. */
@Component
class ParkedSagasMetrics {

	ParkedSagasMetrics(MeterRegistry registry, SagaRepository sagas) {
		Gauge.builder("orchestrator.sagas.parked", sagas, (repository) -> repository.countByState(SagaState.PARKED))
			.description("Sagas parked for an operator's retry")
			.register(registry);
	}

}
