package com.example.orderflow.order.orders;

/**
 * The client sent an idempotency key it already used for a different order: replaying the
 * first order would silently drop the second, so we refuse instead.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

	IdempotencyKeyReusedException() {
		super("Idempotency-Key reused with a different request");
	}

}
