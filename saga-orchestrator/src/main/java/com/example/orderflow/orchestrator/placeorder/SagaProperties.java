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
 */
@ConfigurationProperties("orchestrator.saga")
record SagaProperties(@DefaultValue("10s") Duration stepTimeout, @DefaultValue("1m") Duration maxResendInterval,
		@DefaultValue("10m") Duration sagaTimeout, @DefaultValue("8") int maxStepAttempts,
		@DefaultValue("500ms") Duration sweepInterval, @DefaultValue("200") int sweepBatch) {

	Duration resendInterval(int attempt) {
		long factor = 1L << Math.min(attempt, 20);
		Duration interval = this.stepTimeout.multipliedBy(factor);
		return (interval.compareTo(this.maxResendInterval) > 0) ? this.maxResendInterval : interval;
	}

}
