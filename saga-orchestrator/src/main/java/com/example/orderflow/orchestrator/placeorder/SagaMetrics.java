package com.example.orderflow.orchestrator.placeorder;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.messaging.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The saga's business counters and its duration, counted only once the transaction that
 * stored a move commits: a rolled back or replayed batch, a redelivered reply (the inbox
 * drops it) and a late or repeated one (the saga notes it without moving) count nothing,
 * and the row lock lets only one instance move a saga. Every meter is registered up
 * front, so each series exists, at zero, from the start and counting needs no lookup.
 *
 * <ul>
 * <li>{@code orchestrator.sagas.started}: sagas begun (an OrderPlaced handled for the
 * first time).</li>
 * <li>{@code orchestrator.sagas.finished}, tags {@code outcome} (APPROVED, REJECTED) and
 * {@code reason} (the {@link RejectionReason}, {@code none} when approved).</li>
 * <li>{@code orchestrator.sagas.compensations}, tag {@code step}: counted per
 * compensating step entered (REFUNDING_PAYMENT, RELEASING_STOCK, REJECTING_ORDER), so a
 * payment timeout counts all three and an out-of-stock only REJECTING_ORDER. Each saga
 * enters a step at most once; an operator's retry of a saga parked in a step does not
 * count it again.</li>
 * <li>{@code orchestrator.saga.duration}, tag {@code outcome}: from the saga's creation
 * to its terminal state, as a histogram up to the saga timeout.</li>
 * </ul>
 */
@Component
class SagaMetrics {

	private static final String NO_REASON = "none";

	private static final Duration[] SLOS = Stream
		.of("PT0.1S", "PT0.25S", "PT0.5S", "PT1S", "PT2.5S", "PT5S", "PT10S", "PT30S", "PT1M", "PT2M", "PT5M", "PT10M",
				"PT30M")
		.map(Duration::parse)
		.toArray(Duration[]::new);

	private final MeterRegistry registry;

	private final Counter started;

	private final Counter approved;

	private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);

	private final Map<SagaState, Counter> compensations = new EnumMap<>(SagaState.class);

	private final Map<SagaState, Timer> durations = new EnumMap<>(SagaState.class);

	SagaMetrics(MeterRegistry registry, SagaProperties properties) {
		this.registry = registry;
		this.started = Counter.builder("orchestrator.sagas.started")
			.description("Sagas begun: an order placed for the first time")
			.register(registry);
		this.approved = finished(registry, SagaState.APPROVED, NO_REASON);
		for (RejectionReason reason : RejectionReason.values()) {
			this.rejected.put(reason, finished(registry, SagaState.REJECTED, reason.name()));
		}
		for (SagaState state : SagaState.values()) {
			if (state.isCompensating()) {
				this.compensations.put(state,
						Counter.builder("orchestrator.sagas.compensations")
							.description("Compensating steps entered")
							.tag("step", state.name())
							.register(registry));
			}
			if (state.isTerminal()) {
				this.durations.put(state, duration(registry, state, properties.sagaTimeout()));
			}
		}
	}

	/**
	 * Counts the tally once the current transaction commits.
	 * @throws IllegalStateException outside a transaction, where a count could not be
	 * tied to a commit
	 */
	void countAfterCommit(SagaTally tally) {
		if (tally.isEmpty()) {
			return;
		}
		AfterCommit.run(() -> count(tally));
	}

	private void count(SagaTally tally) {
		if (tally.started()) {
			this.started.increment();
		}
		tally.compensationsEntered().forEach((step) -> this.compensations.get(step).increment());
		if (tally.finished() != null) {
			finishedCounter(tally).increment();
			this.durations.get(tally.finished()).record(tally.duration());
		}
	}

	private Counter finishedCounter(SagaTally tally) {
		if (tally.finished() == SagaState.APPROVED) {
			return this.approved;
		}
		// every path to REJECTED sets a reason; should one not, it is counted, not lost
		return (tally.rejection() != null) ? this.rejected.get(tally.rejection())
				: finished(this.registry, SagaState.REJECTED, NO_REASON);
	}

	private static Counter finished(MeterRegistry registry, SagaState outcome, String reason) {
		return Counter.builder("orchestrator.sagas.finished")
			.description("Sagas that reached a terminal state, by outcome and rejection reason")
			.tag("outcome", outcome.name())
			.tag("reason", reason)
			.register(registry);
	}

	private static Timer duration(MeterRegistry registry, SagaState outcome, Duration sagaTimeout) {
		// a saga resumed by an operator may run past its timeout: the +Inf bucket holds
		// it
		Duration[] slos = Stream
			.concat(Stream.of(SLOS).filter((slo) -> slo.compareTo(sagaTimeout) < 0), Stream.of(sagaTimeout))
			.toArray(Duration[]::new);
		return Timer.builder("orchestrator.saga.duration")
			.description("Time from a saga's start to its terminal state")
			.tag("outcome", outcome.name())
			.publishPercentileHistogram()
			.serviceLevelObjectives(slos)
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(sagaTimeout)
			.register(registry);
	}

}
