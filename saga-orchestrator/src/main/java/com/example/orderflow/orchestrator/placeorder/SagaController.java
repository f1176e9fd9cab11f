package com.example.orderflow.orchestrator.placeorder;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
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
	@Operation(summary = "Sagas in one state, newest first",
			description = "GET /sagas?state=PARKED lists the sagas waiting for an operator, "
					+ "each with parkedIn (the step it stopped in) and parkedReason.")
	@GetMapping("/sagas")
	List<SagaView> sagas(@RequestParam SagaState state,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.sagas.findByState(state, limit);
	}

	/**
	 * Sends a parked saga's step again: 202 when it was resumed, 200 when it was not
	 * parked (nothing changed).
	 */
	@Operation(summary = "Retry a parked saga",
			description = "Sends the step the saga was parked in again, with a fresh set of attempts and a fresh "
					+ "saga deadline, so a cause that is still not fixed parks it again after the bounded retries. "
					+ "Idempotent: retrying a saga that is not parked (any more) sends nothing and changes nothing.")
	@ApiResponse(responseCode = "202", description = "The saga was parked and its step is sent again")
	@ApiResponse(responseCode = "200", description = "The saga was not parked: nothing changed, the body shows it")
	@ApiResponse(responseCode = "404", description = "No saga for this order",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping("/sagas/{orderId}/retry")
	ResponseEntity<SagaView> retry(@PathVariable UUID orderId) {
		boolean resumed = this.retry.retry(orderId).orElseThrow(() -> notFound(orderId));
		return ResponseEntity.status(resumed ? HttpStatus.ACCEPTED : HttpStatus.OK).body(saga(orderId));
	}

	private static ResponseStatusException notFound(UUID orderId) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No saga for order " + orderId);
	}

}
