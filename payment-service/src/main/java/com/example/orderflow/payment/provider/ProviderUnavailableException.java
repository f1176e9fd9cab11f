package com.example.orderflow.payment.provider;

/**
 * The provider answered with a 5xx or the connection failed: safe to retry, because the
 * idempotency key makes a repeated request harmless.
 */
public class ProviderUnavailableException extends RuntimeException {

	ProviderUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	ProviderUnavailableException(String message) {
		super(message);
	}

}
