package com.example.orderflow.inventory.reservation;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Rendered as a 404 problem by the MVC exception handler, like every ErrorResponse. */
class ReservationNotFoundException extends ErrorResponseException {

	ReservationNotFoundException(UUID orderId) {
		super(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no reservation for order " + orderId), null);
	}

}
