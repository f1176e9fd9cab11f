package com.example.orderflow.messaging;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * What this service's consumers have been given by their groups, and whether they have
 * caught up with what was waiting for them then.
 *
 * <p>
 * <b>Joined</b>: until a consumer's group has given it its share of partitions it has
 * joined nothing, and the service, though started, cannot take part in a saga: readiness
 * waits for it. The callback comes after every rebalance, even when a consumer gets no
 * partitions (more instances than partitions), so such a consumer counts as joined too. A
 * later rebalance does not undo it: readiness must not flap while partitions move.
 *
 * <p>
 * <b>Caught up</b>: a partition given to a consumer may hold records that arrived while
 * no instance was reading it (a crash, a restart). Until every such record is applied,
 * whoever judges by time what has not arrived (the orchestrator's step deadlines) would
 * judge replies that are in fact waiting to be read.
 */
public class ConsumerAssignments implements ConsumerAwareRebalanceListener {

	private static final Logger log = LoggerFactory.getLogger(ConsumerAssignments.class);

	private final Set<Consumer<?, ?>> joined = Collections.newSetFromMap(new ConcurrentHashMap<>());

	/** Per partition, the last offset that was already there when it was assigned. */
	private final Map<TopicPartition, Long> owed = new ConcurrentHashMap<>();

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		// as the container logs it without a listener of ours: operators read these
		// lines, and so do the pause and cut-kafka drills
		log.info("partitions assigned: {}", partitions);
		if (!partitions.isEmpty()) {
			noteWaiting(consumer, partitions);
		}
		this.joined.add(consumer);
	}

	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		log.info("partitions revoked: {}", partitions);
		// whoever gets them next catches up on them
		partitions.forEach(this.owed::remove);
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		// the group dropped this consumer (its session expired): what it held is now
		// another's
		log.info("partitions lost: {}", partitions);
		partitions.forEach(this.owed::remove);
	}

	/**
	 * Called by the consumer once a batch is applied (or its failures parked), with its
	 * transaction committed.
	 */
	void applied(List<ConsumerRecord<String, String>> records) {
		if (this.owed.isEmpty()) {
			return;
		}
		for (ConsumerRecord<String, String> record : records) {
			this.owed.computeIfPresent(new TopicPartition(record.topic(), record.partition()),
					(partition, last) -> (record.offset() >= last) ? null : last);
		}
	}

	/**
	 * @return whether a consumer has joined its group, and every record that was waiting
	 * in a partition when it was assigned has been applied
	 */
	public boolean caughtUp() {
		return !this.joined.isEmpty() && this.owed.isEmpty();
	}

	/**
	 * @return how many consumers have had an assignment since they were created
	 */
	int joined() {
		return this.joined.size();
	}

	private void noteWaiting(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		try {
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			for (TopicPartition partition : partitions) {
				long end = ends.getOrDefault(partition, 0L);
				if (consumer.position(partition) < end) {
					this.owed.put(partition, end - 1);
				}
			}
			if (!this.owed.isEmpty()) {
				log.info("Catching up on {} partition(s) that records waited in", this.owed.size());
			}
		}
		catch (KafkaException ex) {
			// not knowing what waited is no reason to hold anyone back
			log.warn("Cannot tell what waited in {}: {}", partitions, ex.toString());
		}
	}

}
