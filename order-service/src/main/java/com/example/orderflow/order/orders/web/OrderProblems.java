package com.example.orderflow.order.orders.web;

import com.example.orderflow.order.orders.IdempotencyKeyReusedException;
import com.example.orderflow.order.orders.OrderNotFoundException;
import com.example.orderflow.order.orders.UnplaceableOrderException;
import com.example.orderflow.webproblems.InvalidField;
import com.example.orderflow.webproblems.InvalidFieldProblems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error as RFC 9457 problem details; the base class lists each invalid field of a
 * 400 under {@code errors}, so a client can point at all of them at once. Ordered before
 * web-problems' fallback, which answers what none of these handlers does: the database
 * out of reach for a moment with a 503, the unexpected with a 500.
 */
@RestControllerAdvice
@Order(0)
class OrderProblems extends InvalidFieldProblems {

	@ExceptionHandler
	ProblemDetail orderNotFound(OrderNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Idempotency-Key reused");
		return problem;
	}

	/**
	 * 422 rather than 400: the request is well-formed, but names what does not exist or
	 * does not fit together; {@code errors} says where, as for a 400.
	 */
	@ExceptionHandler
	ProblemDetail unplaceable(UnplaceableOrderException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"The order cannot succeed; errors lists why.");
		problem.setTitle("Order cannot be placed");
		problem.setProperty(ERRORS,
				ex.reasons().stream().map((reason) -> new InvalidField(reason.field(), reason.message())).toList());
		return problem;
	}

}
