package com.example.orderflow.orchestrator.placeorder;

import java.util.List;
import java.util.UUID;

import com.example.orderflow.servicesecurity.Caller;
import com.example.orderflow.servicesecurity.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A customer reads the saga of their own order; another customer's is answered as one
 * that does not exist. Operators read any, and alone list and retry them.
 */
@RestController
class SagaController {

	private final SagaRepository sagas;

	private final SagaRetry retry;

	SagaController(SagaRepository sagas, SagaRetry retry) {
		this.sagas = sagas;
		this.retry = retry;
	}

	@Operation(summary = "The saga of an order: where it is and its history",
			description = "placedBy is the principal that placed the order; each history step says what happened "
					+ "(event), the state it led to, when (at) and who it was done for (principal). "
					+ "A customer reads only the sagas of their own orders.")
	@ApiResponse(responseCode = "200", description = "The saga",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = SagaView.class)))
	@ApiResponse(responseCode = "404", description = "No saga for this order, or not the caller's",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/sagas/{orderId}")
	SagaView saga(@PathVariable UUID orderId, Caller caller) {
		return this.sagas.findView(orderId)
			.filter((saga) -> caller.mayActFor(saga.customerId()))
			.orElseThrow(() -> notFound(orderId));
	}

	/** For operators: e.g. {@code GET /sagas?state=PARKED}, newest first. */
	@Operation(summary = "Sagas in one state, newest first (operators)",
			description = "GET /sagas?state=PARKED lists the sagas waiting for an operator, "
					+ "each with parkedIn (the step it stopped in) and parkedReason.")
	@ApiResponse(responseCode = "200", description = "The sagas",
			content = @Content(mediaType = "application/json",
					array = @ArraySchema(schema = @Schema(implementation = SagaView.class))))
	@ApiResponse(responseCode = "403", description = "Not an operator",
			content = @Content(mediaType = "application/problem+json"))
	@PreAuthorize(Roles.OPERATOR_ONLY)
	@GetMapping("/sagas")
	List<SagaView> sagas(@RequestParam SagaState state,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.sagas.findByState(state, limit);
	}

	/**
	 * Sends a parked saga's step again: 202 when it was resumed, 200 when it was not
	 * parked (nothing changed).
	 */
	@Operation(summary = "Retry a parked saga (operators)",
			description = "Sends the step the saga was parked in again, with a fresh set of attempts and a fresh "
					+ "saga deadline, so a cause that is still not fixed parks it again after the bounded retries. "
					+ "The retried step is recorded with the operator as its principal. "
					+ "Idempotent: retrying a saga that is not parked (any more) sends nothing and changes nothing.")
	@ApiResponse(responseCode = "202", description = "The saga was parked and its step is sent again")
	@ApiResponse(responseCode = "200", description = "The saga was not parked: nothing changed, the body shows it")
	@ApiResponse(responseCode = "403", description = "Not an operator",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No saga for this order",
			content = @Content(mediaType = "application/problem+json"))
	@PreAuthorize(Roles.OPERATOR_ONLY)
	@PostMapping("/sagas/{orderId}/retry")
	ResponseEntity<SagaView> retry(@PathVariable UUID orderId, Caller caller) {
		boolean resumed = this.retry.retry(orderId, caller.name()).orElseThrow(() -> notFound(orderId));
		return ResponseEntity.status(resumed ? HttpStatus.ACCEPTED : HttpStatus.OK).body(saga(orderId, caller));
	}

	private static ResponseStatusException notFound(UUID orderId) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No saga for order " + orderId);
	}

}
