package com.example.orderflow.orchestrator.placeorder;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param stepTimeout how long a step waits for its reply before the saga acts:
 * compensates a step that can still be undone, re-sends one past the point of no return
 * @param maxResendInterval cap of the doubling interval between re-sends of a step
 * @param sagaTimeout the overall deadline: past it, a saga that can still be undone is
 * compensated at its next missed step deadline, and one that cannot is parked
 * @param maxStepAttempts how often a step is sent before the saga is parked for an
 * operator (steps that can be compensated are compensated instead)
 * @param sweepInterval how often overdue sagas are looked for
 * @param sweepBatch how many overdue sagas one sweep handles at most
 * @param stepRetry how a step that a participant answered with a transient failure is
 * sent again
 */
@ConfigurationProperties("orchestrator.saga")
record SagaProperties(@DefaultValue("10s") Duration stepTimeout, @DefaultValue("1m") Duration maxResendInterval,
		@DefaultValue("10m") Duration sagaTimeout, @DefaultValue("8") int maxStepAttempts,
		@DefaultValue("500ms") Duration sweepInterval, @DefaultValue("200") int sweepBatch,
		@DefaultValue StepRetry stepRetry) {

	Duration resendInterval(int attempt) {
		long factor = 1L << Math.min(attempt, 20);
		Duration interval = this.stepTimeout.multipliedBy(factor);
		return (interval.compareTo(this.maxResendInterval) > 0) ? this.maxResendInterval : interval;
	}

	/**
	 * Re-sends after a transient failure (a {@code PaymentFailed} or
	 * {@code RefundFailed}): bounded, with an exponential backoff and jitter so that
	 * sagas failed by the same outage do not all hit the recovering provider at the same
	 * instant.
	 *
	 * @param maxAttempts how often a step is sent in all before the saga gives up on it
	 * (compensates a charge, parks a refund)
	 * @param initialBackoff the wait before the first re-send
	 * @param multiplier how much each further wait grows
	 * @param maxBackoff the longest wait, jitter included
	 * @param jitter each wait is spread randomly by up to this fraction either way
	 */
	record StepRetry(@DefaultValue("4") int maxAttempts, @DefaultValue("1s") Duration initialBackoff,
			@DefaultValue("2") double multiplier, @DefaultValue("30s") Duration maxBackoff,
			@DefaultValue("0.25") double jitter) {

		StepRetry {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("step-retry.max-attempts must be at least 1");
			}
			if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
				throw new IllegalArgumentException("step-retry backoffs must satisfy 0 <= initial <= max");
			}
			if (multiplier < 1) {
				throw new IllegalArgumentException("step-retry.multiplier must be at least 1");
			}
			if (jitter < 0 || jitter >= 1) {
				throw new IllegalArgumentException("step-retry.jitter must be in [0, 1)");
			}
		}

		/**
		 * @param failedSends how often the step was sent and failed so far (1 or more)
		 * @param random uniform in [0, 1): where in the jitter range this wait falls
		 */
		Duration backoff(int failedSends, double random) {
			double base = Math.min(this.initialBackoff.toMillis() * Math.pow(this.multiplier, failedSends - 1),
					this.maxBackoff.toMillis());
			double spread = base * (1 + this.jitter * (2 * random - 1));
			return Duration.ofMillis(Math.round(Math.min(spread, this.maxBackoff.toMillis())));
		}

	}

}
