package com.example.orderflow.payment.provider;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Which failures Resilience4j's retry may repeat (named in application.yml): only those
 * whose repetition is safe and may succeed. Refusals (4xx) would fail again; an open
 * breaker or a full bulkhead must not be hammered.
 */
public class RetryableProviderFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		Throwable cause = unwrap(failure);
		return cause instanceof ProviderUnavailableException || cause instanceof TimeoutException
				|| cause instanceof IOException;
	}

	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
