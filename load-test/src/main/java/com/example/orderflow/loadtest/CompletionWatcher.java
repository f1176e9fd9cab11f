package com.example.orderflow.loadtest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.orderflow.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Sees each order's outcome (OrderApproved or OrderRejected on order.events) as soon as
 * order-service publishes it, without polling the API and adding load to what is
 * measured.
 */
public final class CompletionWatcher implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final SagaTracker tracker;

	private final Thread thread;

	private volatile boolean running = true;

	public CompletionWatcher(String bootstrapServers, SagaTracker tracker) {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
				new StringDeserializer(), new StringDeserializer());
		List<TopicPartition> partitions = this.consumer.partitionsFor(Topics.ORDER_EVENTS)
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		partitions.forEach(this.consumer::position);
		this.tracker = tracker;
		this.thread = Thread.ofPlatform().name("completion-watcher").daemon().start(this::run);
	}

	private void run() {
		while (this.running) {
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
				long now = System.nanoTime();
				String type = type(record);
				if ("OrderApproved".equals(type) || "OrderRejected".equals(type)) {
					this.tracker.finished(record.key(), now, "OrderApproved".equals(type));
				}
			}
		}
		this.consumer.close();
	}

	private static String type(ConsumerRecord<String, String> record) {
		Header header = record.headers().lastHeader("type");
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(5_000);
	}

}
