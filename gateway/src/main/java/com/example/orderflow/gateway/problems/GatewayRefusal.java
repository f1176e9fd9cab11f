package com.example.orderflow.gateway.problems;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A request the gateway decides not to forward (a client over its rate limit, a service
 * whose circuit breaker is open or whose concurrency limit is reached). Unlike other
 * exceptions, its detail is written for the caller and shown as it is, together with a
 * {@code Retry-After} header.
 */
public final class GatewayRefusal extends RuntimeException {

	private final HttpStatus status;

	private final Duration retryAfter;

	public GatewayRefusal(HttpStatus status, String detail, Duration retryAfter) {
		super(detail, null, false, false);
		if (retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must not be negative");
		}
		this.status = status;
		this.retryAfter = retryAfter;
	}

	HttpStatus status() {
		return this.status;
	}

	/**
	 * Whole seconds, rounded up and at least one: {@code Retry-After: 0} would invite an
	 * immediate retry that is refused again.
	 */
	long retryAfterSeconds() {
		long seconds = this.retryAfter.toSeconds() + ((this.retryAfter.toNanosPart() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

}
