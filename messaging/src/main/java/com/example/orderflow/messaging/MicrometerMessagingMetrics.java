package com.example.orderflow.messaging;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

/**
 * The library's meters: the outbox backlog and its relay's throughput, and the records
 * parked on dead-letter topics, counted once each parking is durable.
 */
class MicrometerMessagingMetrics implements MessagingMetrics {

	private final MeterRegistry registry;

	private final Counter published;

	MicrometerMessagingMetrics(MeterRegistry registry, OutboxBacklog backlog) {
		this.registry = registry;
		Gauge.builder("outbox.backlog", backlog, OutboxBacklog::rows)
			.description("Outbox rows not yet published to Kafka")
			.strongReference(true)
			.register(registry);
		TimeGauge.builder("outbox.oldest.unpublished.age", backlog, TimeUnit.SECONDS, OutboxBacklog::oldestAgeSeconds)
			.description("How long the oldest unpublished outbox row has waited, 0 when none waits")
			.strongReference(true)
			.register(registry);
		this.published = Counter.builder("outbox.published")
			.description("Outbox rows the relay published to Kafka")
			.register(registry);
	}

	@Override
	public void published(int rows) {
		this.published.increment(rows);
	}

	@Override
	public void parked(String originalTopic, String reason) {
		Counter.builder("messaging.dead.letters")
			.description("Records parked on a dead-letter topic")
			.tag("topic", originalTopic)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

}
