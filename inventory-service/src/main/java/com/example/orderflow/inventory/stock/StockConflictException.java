package com.example.orderflow.inventory.stock;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A product change that would break a promise made to orders in flight; rendered as a 409
 * problem.
 */
class StockConflictException extends ErrorResponseException {

	StockConflictException(String detail) {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail), null);
	}

}
