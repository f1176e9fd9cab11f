package com.example.orderflow.payment.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.MessageCodec;
import com.example.orderflow.messaging.MessagePrincipal;
import com.example.orderflow.messaging.test.KafkaProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to payment-service as the orchestrator does (commands in, replies out, over the
 * real broker) and reads its database for assertions.
 */
final class PaymentLedger {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** Long enough for a duplicate that would have been answered to show up. */
	static final Duration QUIET = Duration.ofSeconds(2);

	private final KafkaProbe probe;

	private final JdbcClient jdbc;

	private final MessageCodec codec = new MessageCodec();

	PaymentLedger(KafkaProbe probe, JdbcClient jdbc) {
		this.probe = probe;
		this.jdbc = jdbc;
	}

	void send(SagaMessage message) {
		this.probe.send(Topics.PAYMENT_COMMANDS, message.key(), MessageTypes.nameOf(message),
				this.codec.encode(message));
	}

	/** As sent for someone: the Kafka header {@code principal}. */
	void send(SagaMessage message, String principal) {
		this.probe.send(Topics.PAYMENT_COMMANDS, message.key(), MessageTypes.nameOf(message),
				this.codec.encode(message), Map.of(MessagePrincipal.HEADER, principal));
	}

	<T extends SagaMessage> T awaitReply(UUID orderId, Class<T> type) {
		return type.cast(decode(awaitReplyRecord(orderId, type)));
	}

	ConsumerRecord<String, String> awaitReplyRecord(UUID orderId, Class<? extends SagaMessage> type) {
		return this.probe.await(KafkaProbe.ofType(type.getSimpleName(), orderId.toString())
			.and((candidate) -> candidate.topic().equals(Topics.PAYMENT_EVENTS)), TIMEOUT);
	}

	/** The first {@code count} replies about the order, in the order they were sent. */
	List<SagaMessage> awaitReplies(UUID orderId, int count) {
		Instant deadline = Instant.now().plus(TIMEOUT);
		while (true) {
			List<SagaMessage> replies = replies(orderId, Duration.ofMillis(200));
			if (replies.size() >= count) {
				return replies.subList(0, count);
			}
			assertThat(Instant.now()).as("%d replies about order %s, got %s", count, orderId, replies)
				.isBefore(deadline);
		}
	}

	List<SagaMessage> repliesAfterQuiet(UUID orderId) {
		return replies(orderId, QUIET);
	}

	private List<SagaMessage> replies(UUID orderId, Duration wait) {
		return this.probe.received(wait)
			.stream()
			.filter((record) -> record.topic().equals(Topics.PAYMENT_EVENTS))
			.filter((record) -> orderId.toString().equals(record.key()))
			.map(this::decode)
			.toList();
	}

	SagaMessage decode(ConsumerRecord<String, String> record) {
		return this.codec.decode(KafkaProbe.header(record, MessageCodec.TYPE_HEADER), record.value());
	}

	long balanceOf(String customerId) {
		return this.jdbc.sql("select balance from accounts where customer_id = ?")
			.param(customerId)
			.query(Long.class)
			.single();
	}

	String statusOf(UUID orderId) {
		return this.jdbc.sql("select status from payments where order_id = ?")
			.param(orderId)
			.query(String.class)
			.single();
	}

	/**
	 * Money only moves between the balance and payments holding it: what is in the
	 * account plus what payments hold (being captured, captured, or waiting for the
	 * provider's refund) is what was deposited.
	 */
	void assertMoneyConserved(String customerId) {
		long deposited = this.jdbc.sql("select coalesce(sum(amount), 0) from deposits where customer_id = ?")
			.param(customerId)
			.query(Long.class)
			.single();
		long held = this.jdbc
			.sql("select coalesce(sum(amount), 0) from payments where customer_id = ? and status in "
					+ "('CAPTURING', 'CHARGED', 'CAPTURE_FAILED', 'REFUNDING', 'REFUND_FAILED')")
			.param(customerId)
			.query(Long.class)
			.single();
		assertThat(balanceOf(customerId) + held).isEqualTo(deposited);
	}

}
