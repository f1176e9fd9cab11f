package com.example.orderflow.payment.provider;

/** How a call to the provider ended, after every retry. */
public sealed interface ProviderOutcome {

	/**
	 * The provider applied the operation (or had applied it before under the same key).
	 *
	 * @param reference the provider's id for it; "none" for a refund of a capture it
	 * never made
	 */
	record Done(String reference) implements ProviderOutcome {

	}

	/**
	 * The provider refused the request (a 4xx): asking again with the same request cannot
	 * succeed.
	 */
	record Refused(int status, String detail) implements ProviderOutcome {

	}

	/**
	 * The outcome is not known or the call was not made (timeouts, 5xx, connection
	 * failures, an open circuit breaker, a full bulkhead): it may work later.
	 *
	 * @param reason for people, e.g. "timed out after 1s (3 attempts)"
	 * @param reachedProvider false when no attempt left this service (the breaker or the
	 * bulkhead turned every one away), so the provider cannot have captured anything
	 */
	record Unavailable(String reason, boolean reachedProvider) implements ProviderOutcome {

	}

}
