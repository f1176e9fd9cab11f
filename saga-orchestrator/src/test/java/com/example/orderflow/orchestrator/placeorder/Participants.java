package com.example.orderflow.orchestrator.placeorder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.MessageCodec;
import com.example.orderflow.messaging.MessagePrincipal;
import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.messaging.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Plays order-service, inventory and payment on the real broker: sees the orchestrator's
 * commands and answers them.
 */
final class Participants implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final KafkaProbe probe = new KafkaProbe(TestKafka.bootstrapServers(), Topics.INVENTORY_COMMANDS,
			Topics.PAYMENT_COMMANDS, Topics.ORDER_COMMANDS);

	private final MessageCodec codec = new MessageCodec();

	/** Without a principal header, as a producer older than the header sends it. */
	void publish(String topic, SagaMessage message) {
		this.probe.send(topic, message.key(), MessageTypes.nameOf(message), this.codec.encode(message));
	}

	/** With the principal header, as the messaging library carries it on. */
	void publishAs(String principal, String topic, SagaMessage message) {
		this.probe.send(topic, message.key(), MessageTypes.nameOf(message), this.codec.encode(message),
				Map.of(MessagePrincipal.HEADER, principal));
	}

	<T extends SagaMessage> T awaitCommand(Class<T> type, SagaMessage of) {
		return type.cast(this.codec.decode(type.getSimpleName(), awaitCommandRecord(type, of).value()));
	}

	/** The first command of a type sent for the order, as a record: headers and all. */
	ConsumerRecord<String, String> awaitCommandRecord(Class<? extends SagaMessage> type, SagaMessage of) {
		return this.probe.await(KafkaProbe.ofType(type.getSimpleName(), of.key()), WAIT);
	}

	/** Every command of a type sent for the order so far, as records. */
	List<ConsumerRecord<String, String>> commandRecords(Class<? extends SagaMessage> type, SagaMessage of) {
		return this.probe.received(Duration.ofMillis(200))
			.stream()
			.filter(KafkaProbe.ofType(type.getSimpleName(), of.key()))
			.toList();
	}

	/**
	 * Waits until {@code count} commands of a type were sent for the order; all of them.
	 */
	<T extends SagaMessage> List<T> awaitCommands(Class<T> type, SagaMessage of, int count) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			List<T> sent = this.probe.received(Duration.ofMillis(50))
				.stream()
				.filter(KafkaProbe.ofType(type.getSimpleName(), of.key()))
				.map((record) -> type.cast(this.codec.decode(type.getSimpleName(), record.value())))
				.toList();
			if (sent.size() >= count) {
				return sent;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError(
						"only " + sent.size() + " of " + count + " " + type.getSimpleName() + " within " + WAIT);
			}
		}
	}

	long commandsFor(SagaMessage of, Duration quietFor) {
		return this.probe.received(quietFor).stream().filter((record) -> record.key().equals(of.key())).count();
	}

	@Override
	public void close() {
		this.probe.close();
	}

}
