package com.example.orderflow.orchestrator.placeorder;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@Validated
class SagaController {

	private final SagaRepository sagas;

	private final SagaRetry retry;

	SagaController(SagaRepository sagas, SagaRetry retry) {
		this.sagas = sagas;
		this.retry = retry;
	}

	@GetMapping("/sagas/{orderId}")
	SagaView saga(@PathVariable UUID orderId) {
		return this.sagas.findView(orderId).orElseThrow(() -> notFound(orderId));
	}

	/** For operators: e.g. {@code GET /sagas?state=PARKED}, newest first. */
	@GetMapping("/sagas")
	List<SagaView> sagas(@RequestParam SagaState state,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.sagas.findByState(state, limit);
	}

	/**
	 * Sends a parked saga's step again: 202 when it was resumed, 200 when it was not
	 * parked (nothing changed).
	 */
	@PostMapping("/sagas/{orderId}/retry")
	ResponseEntity<SagaView> retry(@PathVariable UUID orderId) {
		boolean resumed = this.retry.retry(orderId).orElseThrow(() -> notFound(orderId));
		return ResponseEntity.status(resumed ? HttpStatus.ACCEPTED : HttpStatus.OK).body(saga(orderId));
	}

	private static ResponseStatusException notFound(UUID orderId) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No saga for order " + orderId);
	}

}
