package com.example.orderflow.orchestrator.placeorder;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class SagaController {

	private final SagaRepository sagas;

	SagaController(SagaRepository sagas) {
		this.sagas = sagas;
	}

	@GetMapping("/sagas/{orderId}")
	SagaView saga(@PathVariable UUID orderId) {
		return this.sagas.findView(orderId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No saga for order " + orderId));
	}

}
