package com.example.orderflow.loadtest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Where topics end: the latest offset of every partition. The benchmark sums them per
 * topic (records written so far: the difference between two readings is exact whatever
 * retention deleted in between, as offsets only grow); the chaos auditor reads the
 * dead-letter topics from one reading to the next.
 */
public final class KafkaOffsets implements AutoCloseable {

	/**
	 * Short, so that an unreachable broker costs the benchmark seconds, not the client's
	 * default minute.
	 */
	static final Duration BENCH_TIMEOUT = Duration.ofSeconds(5);

	private final Admin admin;

	private final Duration timeout;

	/**
	 * @param timeout for each request and each call here
	 */
	public KafkaOffsets(String bootstrapServers, Duration timeout) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.CLIENT_ID_CONFIG, "orderflow-load-test-offsets",
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
		this.timeout = timeout;
	}

	/** Records written so far, per topic, in name order. */
	Map<String, Long> latest() throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, Long> records = new TreeMap<>();
		endOffsets(KafkaOffsets::isCounted)
			.forEach((partition, end) -> records.merge(partition.topic(), end, Long::sum));
		return records;
	}

	/** Where each partition of the topics whose names pass ends now. */
	public Map<TopicPartition, Long> endOffsets(Predicate<String> topicNames)
			throws InterruptedException, ExecutionException, TimeoutException {
		long seconds = this.timeout.toSeconds();
		List<String> topics = this.admin.listTopics()
			.names()
			.get(seconds, TimeUnit.SECONDS)
			.stream()
			.filter(topicNames)
			.toList();
		Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
		this.admin.describeTopics(topics)
			.allTopicNames()
			.get(seconds, TimeUnit.SECONDS)
			.forEach((topic, description) -> description.partitions()
				.forEach((partition) -> partitions.put(new TopicPartition(topic, partition.partition()),
						OffsetSpec.latest())));
		Map<TopicPartition, Long> ends = new HashMap<>();
		this.admin.listOffsets(partitions)
			.all()
			.get(seconds, TimeUnit.SECONDS)
			.forEach((partition, latest) -> ends.put(partition, latest.offset()));
		return ends;
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
