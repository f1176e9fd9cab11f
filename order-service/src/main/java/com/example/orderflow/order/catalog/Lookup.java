package com.example.orderflow.order.catalog;

/**
 * What another service said about a product or an account. Only {@link NotFound} is a
 * definite answer that something does not exist; {@link Unavailable} means we do not
 * know.
 */
public sealed interface Lookup {

	/** It exists, priced or kept in {@code currency}. */
	record Found(String currency) implements Lookup {

	}

	/** The owning service answered 404. */
	record NotFound() implements Lookup {

	}

	/** No usable answer: refused, timed out, 5xx, or an answer we could not read. */
	record Unavailable(String reason) implements Lookup {

	}

}
