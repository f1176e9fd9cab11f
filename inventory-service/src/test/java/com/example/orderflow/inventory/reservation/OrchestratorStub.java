package com.example.orderflow.inventory.reservation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.example.orderflow.contracts.InventoryEvent;
import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.MessageCodec;
import com.example.orderflow.messaging.test.KafkaProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Plays the saga orchestrator over the real broker: sends inventory commands as the
 * outbox relay would, and reads the service's replies and dead letters.
 */
final class OrchestratorStub implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	static final String DEAD_LETTERS = Topics.deadLetterTopicOf(Topics.INVENTORY_COMMANDS);

	private final KafkaProbe probe;

	private final MessageCodec codec = new MessageCodec();

	OrchestratorStub(String bootstrapServers) {
		this.probe = new KafkaProbe(bootstrapServers, Topics.INVENTORY_EVENTS, DEAD_LETTERS);
	}

	void send(SagaMessage command) {
		sendRaw(command.key(), MessageTypes.nameOf(command), this.codec.encode(command));
	}

	void sendRaw(String key, String type, String json) {
		this.probe.send(Topics.INVENTORY_COMMANDS, key, type, json);
	}

	String encode(SagaMessage message) {
		return this.codec.encode(message);
	}

	<T extends InventoryEvent> T awaitReply(Class<T> type, UUID orderId) {
		return awaitReply(type, orderId, (reply) -> true);
	}

	<T extends InventoryEvent> T awaitReply(Class<T> type, UUID orderId, Predicate<T> condition) {
		ConsumerRecord<String, String> record = this.probe.await(
				(candidate) -> isReply(candidate, type, orderId) && condition.test(decode(type, candidate)), TIMEOUT);
		return decode(type, record);
	}

	/** The first reply of any type for an order. */
	InventoryEvent awaitAnyReply(UUID orderId) {
		ConsumerRecord<String, String> record = this.probe
			.await((candidate) -> Topics.INVENTORY_EVENTS.equals(candidate.topic())
					&& orderId.toString().equals(candidate.key()), TIMEOUT);
		return (InventoryEvent) this.codec.decode(KafkaProbe.header(record, "type"), record.value());
	}

	/** The replies for an order that arrived so far, oldest first. */
	List<InventoryEvent> repliesSoFar(UUID orderId) {
		return this.probe.received(Duration.ZERO)
			.stream()
			.filter((record) -> Topics.INVENTORY_EVENTS.equals(record.topic()))
			.filter((record) -> orderId.toString().equals(record.key()))
			.map((record) -> (InventoryEvent) this.codec.decode(KafkaProbe.header(record, "type"), record.value()))
			.toList();
	}

	ConsumerRecord<String, String> awaitDeadLetter(String key, Predicate<ConsumerRecord<String, String>> condition) {
		return this.probe.await(
				(record) -> DEAD_LETTERS.equals(record.topic()) && key.equals(record.key()) && condition.test(record),
				TIMEOUT);
	}

	private static boolean isReply(ConsumerRecord<String, String> record, Class<?> type, UUID orderId) {
		return Topics.INVENTORY_EVENTS.equals(record.topic())
				&& KafkaProbe.ofType(type.getSimpleName(), orderId.toString()).test(record);
	}

	private <T> T decode(Class<T> type, ConsumerRecord<String, String> record) {
		return type.cast(this.codec.decode(type.getSimpleName(), record.value()));
	}

	@Override
	public void close() {
		this.probe.close();
	}

}
