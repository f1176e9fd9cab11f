package com.example.orderflow.payment.provider;

/**
 * The provider answered with a 4xx: the request itself is wrong or not allowed, so
 * retrying cannot help and the provider is not unhealthy (the breaker ignores it).
 */
public class ProviderRefusedException extends RuntimeException {

	private final int status;

	ProviderRefusedException(int status, String detail) {
		super("payment provider refused with " + status + ": " + detail);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}
