package com.example.orderflow.inventory.reservation;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Read-only: reservations change only through the saga's commands. */
@RestController
class ReservationController {

	private final ReservationRepository reservations;

	ReservationController(ReservationRepository reservations) {
		this.reservations = reservations;
	}

	@GetMapping("/reservations/{orderId}")
	ReservationResponse get(@PathVariable UUID orderId) {
		return this.reservations.find(orderId)
			.map(ReservationResponse::of)
			.orElseThrow(() -> new ReservationNotFoundException(orderId));
	}

}
