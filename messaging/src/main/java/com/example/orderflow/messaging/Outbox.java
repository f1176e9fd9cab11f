package com.example.orderflow.messaging;

import java.util.Map;

import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.SagaMessage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a message in the caller's transaction. The message exists if and only if the
 * state change that caused it committed: no dual write to the database and Kafka.
 */
public class Outbox {

	private static final String WAKE_UP_REGISTERED = Outbox.class.getName() + ".wakeUp";

	private final JdbcClient jdbc;

	private final MessageCodec codec;

	private final OutboxSignal signal;

	private final HeadersJson headersJson;

	Outbox(JdbcClient jdbc, MessageCodec codec, OutboxSignal signal, HeadersJson headersJson) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.signal = signal;
		this.headersJson = headersJson;
	}

	public void add(String topic, SagaMessage message) {
		requireTransaction();
		this.jdbc.sql(
				"insert into outbox (topic, message_key, message_type, payload) values (:topic, :key, :type, :payload)")
			.param("topic", topic)
			.param("key", message.key())
			.param("type", MessageTypes.nameOf(message))
			.param("payload", this.codec.encode(message))
			.update();
		wakeRelayAfterCommit();
	}

	void addRaw(String topic, String key, String type, String payload, Map<String, String> headers) {
		requireTransaction();
		this.jdbc
			.sql("insert into outbox (topic, message_key, message_type, payload, headers) "
					+ "values (:topic, :key, :type, :payload, :headers)")
			.param("topic", topic)
			.param("key", key)
			.param("type", type)
			.param("payload", payload)
			.param("headers", this.headersJson.write(headers))
			.update();
		wakeRelayAfterCommit();
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("the outbox must be written in the transaction of the state change");
		}
	}

	private void wakeRelayAfterCommit() {
		if (TransactionSynchronizationManager.hasResource(WAKE_UP_REGISTERED)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(WAKE_UP_REGISTERED, Boolean.TRUE);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(WAKE_UP_REGISTERED);
				if (status == STATUS_COMMITTED) {
					Outbox.this.signal.signal();
				}
			}

		});
	}

}
