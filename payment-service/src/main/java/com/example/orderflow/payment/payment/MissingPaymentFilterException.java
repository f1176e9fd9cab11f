package com.example.orderflow.payment.payment;

import java.util.List;

/** Listing every payment is not what the API is for: the caller says whose or which. */
public class MissingPaymentFilterException extends RuntimeException {

	MissingPaymentFilterException() {
		super("Give orderId, customerId or both");
	}

	/** The query parameters of which at least one is required. */
	public List<String> parameters() {
		return List.of("orderId", "customerId");
	}

}
