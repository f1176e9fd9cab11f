package com.example.orderflow.orchestrator.placeorder;

import java.time.Clock;
import java.time.Duration;

import com.example.orderflow.orchestrator.placeorder.SagaRepository.Backlog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Sagas under way, from the database so every instance reports the same numbers:
 * {@code orchestrator.sagas.in.flight} (neither terminal nor parked) and
 * {@code orchestrator.sagas.past.deadline} (of those, the ones whose step deadline passed
 * more than one sweep interval ago: the sweeper is not keeping up, or not running). One
 * query serves both gauges and is reused for a couple of seconds, so scrapes by several
 * registries cost one index scan.
 */
@Component
class SagaBacklogMetrics {

	private static final Duration REUSE_FOR = Duration.ofSeconds(2);

	private final SagaRepository sagas;

	private final Clock clock;

	private final Duration sweepInterval;

	private Backlog last;

	private long lastReadAt;

	SagaBacklogMetrics(MeterRegistry registry, SagaRepository sagas, Clock clock, SagaProperties properties) {
		this.sagas = sagas;
		this.clock = clock;
		this.sweepInterval = properties.sweepInterval();
		Gauge.builder("orchestrator.sagas.in.flight", this, (metrics) -> metrics.backlog().inFlight())
			.description("Sagas neither finished nor parked")
			.register(registry);
		Gauge.builder("orchestrator.sagas.past.deadline", this, (metrics) -> metrics.backlog().pastDeadline())
			.description("Sagas whose step deadline passed more than one sweep interval ago")
			.register(registry);
	}

	synchronized Backlog backlog() {
		// System.nanoTime, not the clock: a test may pin the clock
		long now = System.nanoTime();
		if (this.last == null || now - this.lastReadAt > REUSE_FOR.toNanos()) {
			this.last = this.sagas.countBacklog(this.clock.instant().minus(this.sweepInterval));
			this.lastReadAt = now;
		}
		return this.last;
	}

}
