package com.example.orderflow.messaging.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the other side of a service in tests: sends raw records to a topic (as the real
 * relay would, or malformed on purpose) and waits for the records a service publishes.
 */
public final class KafkaProbe implements AutoCloseable {

	private final KafkaProducer<String, String> producer;

	private final KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

	/** Listens to {@code topics} from their beginning. */
	public KafkaProbe(String bootstrapServers, String... topics) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer());
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"probe-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new StringDeserializer());
		if (topics.length > 0) {
			this.consumer.subscribe(List.of(topics));
		}
	}

	public void send(String topic, String key, String type, String json) {
		send(topic, key, type, json, Map.of());
	}

	/** With more headers, as a producer that sets them would send it. */
	public void send(String topic, String key, String type, String json, Map<String, String> headers) {
		ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
		if (type != null) {
			record.headers().add("type", type.getBytes(StandardCharsets.UTF_8));
		}
		headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		try {
			this.producer.send(record).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not send to " + topic, ex);
		}
	}

	/** Waits until a record matching {@code condition} arrived, and returns it. */
	public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> condition, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			for (ConsumerRecord<String, String> record : this.seen) {
				if (condition.test(record)) {
					return record;
				}
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("no matching record within " + timeout + "; seen: " + describeSeen());
			}
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
		}
	}

	/** Everything that arrived, after waiting {@code quietFor} for stragglers. */
	public List<ConsumerRecord<String, String>> received(Duration quietFor) {
		Instant until = Instant.now().plus(quietFor);
		while (Instant.now().isBefore(until)) {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
		}
		return List.copyOf(this.seen);
	}

	public static String header(ConsumerRecord<String, String> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	public static Predicate<ConsumerRecord<String, String>> ofType(String type, String key) {
		return (record) -> type.equals(header(record, "type")) && key.equals(record.key());
	}

	private String describeSeen() {
		return this.seen.stream().map((r) -> r.topic() + ":" + header(r, "type") + ":" + r.key()).toList().toString();
	}

	@Override
	public void close() {
		this.producer.close();
		this.consumer.close();
	}

}
