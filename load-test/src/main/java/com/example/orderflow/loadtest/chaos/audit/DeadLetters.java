package com.example.orderflow.loadtest.chaos.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import com.example.orderflow.contracts.Topics;
import com.example.orderflow.loadtest.KafkaOffsets;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The records parked on the {@code .dlt} topics during a drill, read from Kafka itself:
 * the services' dead-letter counters start again at 0 when a drill restarts a service,
 * the topics do not.
 */
public final class DeadLetters {

	private static final Duration READ_FOR_AT_MOST = Duration.ofSeconds(30);

	private static final Duration ADMIN_TIMEOUT = Duration.ofMinutes(1);

	private final String bootstrapServers;

	private final Map<TopicPartition, Long> from;

	private DeadLetters(String bootstrapServers, Map<TopicPartition, Long> from) {
		this.bootstrapServers = bootstrapServers;
		this.from = from;
	}

	/** Remembers where every dead-letter topic ends now. */
	public static DeadLetters markNow(String bootstrapServers) {
		return new DeadLetters(bootstrapServers, endOffsets(bootstrapServers));
	}

	/** Every record parked since {@link #markNow}, with its headers. */
	public List<DeadLetter> since() {
		Map<TopicPartition, Long> until = endOffsets(this.bootstrapServers);
		List<DeadLetter> letters = new ArrayList<>();
		Map<TopicPartition, Long> toRead = new HashMap<>();
		until.forEach((partition, end) -> {
			long start = this.from.getOrDefault(partition, 0L);
			if (end > start) {
				toRead.put(partition, start);
			}
		});
		if (toRead.isEmpty()) {
			return letters;
		}
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.assign(toRead.keySet());
			toRead.forEach(consumer::seek);
			long giveUpAt = System.nanoTime() + READ_FOR_AT_MOST.toNanos();
			while (toRead.keySet().stream().anyMatch((p) -> consumer.position(p) < until.get(p))
					&& System.nanoTime() < giveUpAt) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() < until.get(new TopicPartition(record.topic(), record.partition()))) {
						letters.add(new DeadLetter(record.topic(), record.key(), header(record, "dlt-reason"),
								header(record, "dlt-exception"), header(record, "dlt-original-topic"),
								header(record, "dlt-consumer-group")));
					}
				}
			}
		}
		return letters;
	}

	private static Map<TopicPartition, Long> endOffsets(String bootstrapServers) {
		// the admin client's default call timeout, as before: the auditor runs after the
		// drill healed the stack and may wait for a broker that is still coming back
		try (KafkaOffsets offsets = new KafkaOffsets(bootstrapServers, ADMIN_TIMEOUT)) {
			return offsets.endOffsets((name) -> name.endsWith(Topics.DEAD_LETTER_SUFFIX));
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("could not read the dead-letter topics", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("could not read the dead-letter topics", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
