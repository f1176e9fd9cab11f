package com.example.orderflow.payment.provider;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.example.orderflow.payment.provider.ProviderRequest.Operation;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;

/**
 * Captures and refunds at the provider, resilient: each attempt is bounded by the time
 * limiter and holds a bulkhead permit while in flight; the circuit breaker counts the
 * attempts and turns calls away while the provider is failing; the retry repeats an
 * attempt that failed in a way that is safe to repeat, with exponential backoff and
 * jitter. Every attempt carries the same idempotency key, so the provider captures once
 * however many attempts reach it.
 *
 * <p>
 * Never completes exceptionally: the outcome says what happened, including whether any
 * attempt reached the provider at all.
 */
public class PaymentProvider {

	private final PaymentProviderClient client;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final Bulkhead bulkhead;

	private final TimeLimiter timeLimiter;

	private final ScheduledExecutorService retries;

	private final ScheduledExecutorService timeouts;

	/**
	 * @param retries runs retried attempts, which may wait for a bulkhead permit
	 * @param timeouts fires the time limiter: apart from {@code retries}, so attempts
	 * waiting for a permit never delay the timeout that would free one
	 */
	PaymentProvider(PaymentProviderClient client, CircuitBreaker circuitBreaker, Retry retry, Bulkhead bulkhead,
			TimeLimiter timeLimiter, ScheduledExecutorService retries, ScheduledExecutorService timeouts) {
		this.client = client;
		this.circuitBreaker = circuitBreaker;
		this.retry = retry;
		this.bulkhead = bulkhead;
		this.timeLimiter = timeLimiter;
		this.retries = retries;
		this.timeouts = timeouts;
	}

	public CompletableFuture<ProviderOutcome> capture(ProviderRequest request) {
		return call(Operation.CAPTURE, request);
	}

	/** Refunds the order's capture; a provider that never captured it answers "none". */
	public CompletableFuture<ProviderOutcome> refund(ProviderRequest request) {
		return call(Operation.REFUND, request);
	}

	private CompletableFuture<ProviderOutcome> call(Operation operation, ProviderRequest request) {
		AtomicBoolean sent = new AtomicBoolean();
		AtomicInteger attempts = new AtomicInteger();
		Supplier<CompletionStage<String>> attempt = () -> {
			// only runs when the breaker and the bulkhead let the attempt through
			sent.set(true);
			attempts.incrementAndGet();
			return this.client.send(operation, request);
		};
		Supplier<CompletionStage<String>> limited = this.timeLimiter.decorateCompletionStage(this.timeouts, attempt);
		Supplier<CompletionStage<String>> guarded = Bulkhead.decorateCompletionStage(this.bulkhead, limited);
		Supplier<CompletionStage<String>> broken = CircuitBreaker.decorateCompletionStage(this.circuitBreaker, guarded);
		Supplier<CompletionStage<String>> retried = Retry.decorateCompletionStage(this.retry, this.retries, broken);
		CompletableFuture<ProviderOutcome> outcome = new CompletableFuture<>();
		start(retried).whenComplete(
				(reference, failure) -> outcome.complete((failure == null) ? new ProviderOutcome.Done(reference)
						: outcomeOf(RetryableProviderFailure.unwrap(failure), sent.get(), attempts.get())));
		return outcome;
	}

	private static CompletionStage<String> start(Supplier<CompletionStage<String>> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private ProviderOutcome outcomeOf(Throwable failure, boolean sent, int attempts) {
		if (failure instanceof ProviderRefusedException refused) {
			return new ProviderOutcome.Refused(refused.status(), refused.getMessage());
		}
		String reason = switch (failure) {
			case CallNotPermittedException open -> "payment provider circuit breaker is open";
			case BulkheadFullException full -> "too many calls to the payment provider in flight";
			case TimeoutException timeout -> "payment provider did not answer within "
					+ this.timeLimiter.getTimeLimiterConfig().getTimeoutDuration();
			default -> String.valueOf(failure.getMessage());
		};
		return new ProviderOutcome.Unavailable(reason + " (" + attempts + " attempt(s))", sent);
	}

	/**
	 * Stops the schedulers; calls still waiting for a retry or a timeout are abandoned.
	 */
	void shutdownNow() {
		this.retries.shutdownNow();
		this.timeouts.shutdownNow();
	}

}
