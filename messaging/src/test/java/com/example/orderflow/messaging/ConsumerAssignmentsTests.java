package com.example.orderflow.messaging;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer is caught up once it has applied every record that was waiting in its
 * partitions when it got them; what arrives later is ordinary work.
 */
class ConsumerAssignmentsTests {

	final TopicPartition first = new TopicPartition("replies", 0);

	final TopicPartition second = new TopicPartition("replies", 1);

	final MockConsumer<String, String> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

	final ConsumerAssignments assignments = new ConsumerAssignments();

	@Test
	void isCaughtUpOnceWhatWaitedInEachPartitionIsApplied() {
		assertThat(this.assignments.caughtUp()).as("nothing assigned yet").isFalse();
		// five records waited in the first partition, none in the second
		assign(Map.of(this.first, 5L, this.second, 0L));
		assertThat(this.assignments.caughtUp()).isFalse();

		this.assignments.applied(List.of(record(this.first, 3)));
		assertThat(this.assignments.caughtUp()).isFalse();

		this.assignments.applied(List.of(record(this.first, 4), record(this.first, 5)));
		assertThat(this.assignments.caughtUp()).isTrue();
	}

	@Test
	void leavesAPartitionTakenAwayToItsNextOwner() {
		assign(Map.of(this.first, 5L, this.second, 0L));

		this.assignments.onPartitionsRevokedBeforeCommit(this.consumer, List.of(this.first));

		assertThat(this.assignments.caughtUp()).isTrue();
	}

	@Test
	void aConsumerGivenNothingIsCaughtUp() {
		this.assignments.onPartitionsAssigned(this.consumer, List.of());

		assertThat(this.assignments.caughtUp()).isTrue();
		assertThat(this.assignments.joined()).isEqualTo(1);
	}

	private void assign(Map<TopicPartition, Long> ends) {
		this.consumer.assign(ends.keySet());
		this.consumer.updateBeginningOffsets(Map.of(this.first, 0L, this.second, 0L));
		this.consumer.updateEndOffsets(ends);
		ends.keySet().forEach((partition) -> this.consumer.seek(partition, 0));
		this.assignments.onPartitionsAssigned(this.consumer, ends.keySet());
	}

	private static ConsumerRecord<String, String> record(TopicPartition partition, long offset) {
		return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "key", "value");
	}

}
