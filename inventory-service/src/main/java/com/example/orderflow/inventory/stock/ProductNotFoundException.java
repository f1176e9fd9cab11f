package com.example.orderflow.inventory.stock;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Rendered as a 404 problem by the MVC exception handler, like every ErrorResponse. */
class ProductNotFoundException extends ErrorResponseException {

	ProductNotFoundException(String sku) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no product " + sku), null);
	}

}
