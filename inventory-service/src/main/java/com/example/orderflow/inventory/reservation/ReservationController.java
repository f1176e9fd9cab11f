package com.example.orderflow.inventory.reservation;

import java.util.UUID;

import com.example.orderflow.servicesecurity.Roles;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only: reservations change only through the saga's commands. An internal view for
 * operators and their tools (the chaos auditor), not routed by the gateway: a customer
 * follows an order through order-service.
 */
@RestController
class ReservationController {

	private final ReservationRepository reservations;

	ReservationController(ReservationRepository reservations) {
		this.reservations = reservations;
	}

	@GetMapping("/reservations/{orderId}")
	@PreAuthorize(Roles.OPERATOR_ONLY)
	@Operation(description = "Operators only.")
	ReservationResponse get(@PathVariable UUID orderId) {
		return this.reservations.find(orderId)
			.map(ReservationResponse::of)
			.orElseThrow(() -> new ReservationNotFoundException(orderId));
	}

}
