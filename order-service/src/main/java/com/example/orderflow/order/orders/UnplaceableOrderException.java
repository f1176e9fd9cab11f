package com.example.orderflow.order.orders;

import java.util.List;

/**
 * The order names what does not exist, or does not match the customer's or a product's
 * currency: the saga could only reject it, so it is refused before anything is stored.
 */
public class UnplaceableOrderException extends RuntimeException {

	private final List<Reason> reasons;

	UnplaceableOrderException(List<Reason> reasons) {
		super("The order cannot succeed: " + reasons.stream().map(Reason::message).toList());
		this.reasons = List.copyOf(reasons);
	}

	public List<Reason> reasons() {
		return this.reasons;
	}

	/**
	 * @param field where in the request, as the client sent it: {@code customerId},
	 * {@code currency}, {@code items[2].sku}
	 */
	public record Reason(String field, String message) {

	}

}
