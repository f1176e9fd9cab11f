package com.example.orderflow.webproblems;

import com.example.orderflow.webproblems.ThingController.ThingLockedException;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A service's own advice as the services write theirs: Spring MVC's exceptions, with the
 * invalid fields of a bad request, through the base class, a handler per domain failure,
 * ordered before the library's fallback.
 */
@RestControllerAdvice
@Order(0)
class ServiceProblems extends InvalidFieldProblems {

	@ExceptionHandler
	ProblemDetail thingLocked(ThingLockedException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

}
