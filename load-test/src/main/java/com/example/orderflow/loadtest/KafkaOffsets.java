package com.example.orderflow.loadtest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records have been written to each topic so far: the latest offset of every
 * partition, summed per topic. The difference between two readings is exact whatever
 * retention deleted in between, as offsets only grow.
 */
final class KafkaOffsets implements AutoCloseable {

	/**
	 * Short, so that an unreachable broker costs the benchmark seconds, not the client's
	 * default minute.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Admin admin;

	KafkaOffsets(String bootstrapServers) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.CLIENT_ID_CONFIG, "orderflow-bench-offsets",
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
	}

	/** Records written so far, per topic, in name order. */
	Map<String, Long> latest() throws InterruptedException, ExecutionException, TimeoutException {
		List<String> topics = this.admin.listTopics()
			.names()
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
			.stream()
			.filter(KafkaOffsets::isCounted)
			.toList();
		Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
		this.admin.describeTopics(topics)
			.allTopicNames()
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
			.forEach((topic, description) -> description.partitions()
				.forEach((partition) -> partitions.put(new TopicPartition(topic, partition.partition()),
						OffsetSpec.latest())));
		Map<String, Long> records = new TreeMap<>();
		topics.forEach((topic) -> records.put(topic, 0L));
		this.admin.listOffsets(partitions)
			.all()
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
			.forEach((partition, latest) -> records.merge(partition.topic(), latest.offset(), Long::sum));
		return records;
	}

	/**
	 * Kafka's own topics ({@code __consumer_offsets}, {@code __transaction_state}) are
	 * its bookkeeping, not messages of the saga.
	 */
	static boolean isCounted(String topic) {
		return !topic.startsWith("__");
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(1));
	}

}
