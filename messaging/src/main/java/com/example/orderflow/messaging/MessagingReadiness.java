package com.example.orderflow.messaging;

import java.util.Collection;
import java.util.List;

import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Ready means able to work: every listener container that starts on its own runs, each of
 * its consumers has joined its group and been given its partitions, and the outbox relay
 * runs, its producer connected. A service whose context has started but whose consumers
 * are still joining answers HTTP, yet the sagas it takes part in would wait, so readiness
 * ({@code /actuator/health/readiness}, what {@code ./stack} and the Kubernetes probe ask)
 * says OUT_OF_SERVICE until then. The database needs no check here: the migrations ran on
 * it before anything started.
 */
class MessagingReadiness implements HealthIndicator {

	private final KafkaListenerEndpointRegistry listeners;

	private final ConsumerAssignments assignments;

	private final OutboxRelay relay;

	MessagingReadiness(KafkaListenerEndpointRegistry listeners, ConsumerAssignments assignments, OutboxRelay relay) {
		this.listeners = listeners;
		this.assignments = assignments;
		this.relay = relay;
	}

	@Override
	public Health health() {
		// a container configured not to start on its own (a test, a consumer an operator
		// starts by hand) is not what readiness waits for
		List<MessageListenerContainer> containers = this.listeners.getListenerContainers()
			.stream()
			.filter(MessageListenerContainer::isAutoStartup)
			.toList();
		boolean allRunning = containers.stream().allMatch(MessageListenerContainer::isRunning);
		int consumers = containers.stream().mapToInt(MessagingReadiness::consumers).sum();
		int joined = this.assignments.joined();
		long partitions = containers.stream().mapToLong(MessagingReadiness::assignedPartitions).sum();
		boolean relayReady = this.relay.isPrepared();
		boolean ready = allRunning && joined >= consumers && relayReady;
		return Health.status(ready ? Status.UP : Status.OUT_OF_SERVICE)
			.withDetail("listenersRunning", allRunning)
			.withDetail("consumers", consumers)
			.withDetail("consumersJoined", Math.min(joined, consumers))
			.withDetail("partitions", partitions)
			.withDetail("outboxRelayReady", relayReady)
			.build();
	}

	private static int consumers(MessageListenerContainer container) {
		if (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent) {
			return concurrent.getContainers().size();
		}
		return 1;
	}

	private static long assignedPartitions(MessageListenerContainer container) {
		Collection<TopicPartition> assigned = container.getAssignedPartitions();
		return (assigned != null) ? assigned.size() : 0;
	}

}
