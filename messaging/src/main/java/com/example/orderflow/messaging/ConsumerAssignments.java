package com.example.orderflow.messaging;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Remembers which of this service's consumers their group has given their share of
 * partitions at least once. Until then a consumer has joined nothing, and the service,
 * though started, cannot take part in a saga: readiness waits for it. The callback comes
 * after every rebalance, even when a consumer gets no partitions (more instances than
 * partitions), so such a consumer counts as joined too. A later rebalance does not undo
 * it: readiness must not flap while partitions move between instances.
 */
class ConsumerAssignments implements ConsumerAwareRebalanceListener {

	private final Set<Consumer<?, ?>> joined = Collections.newSetFromMap(new ConcurrentHashMap<>());

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.joined.add(consumer);
	}

	/**
	 * @return how many consumers have had an assignment since they were created
	 */
	int joined() {
		return this.joined.size();
	}

}
