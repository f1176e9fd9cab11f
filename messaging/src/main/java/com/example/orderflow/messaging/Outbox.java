package com.example.orderflow.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.SagaMessage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a message in the caller's transaction. The message exists if and only if the
 * state change that caused it committed: no dual write to the database and Kafka.
 *
 * <p>
 * Rows are collected while the transaction runs and written with one statement just
 * before it commits, so a batch of a few hundred messages costs one round trip instead of
 * one each. They are inserted in the order they were added, which is the order the relay
 * publishes them in.
 */
public class Outbox {

	private static final String PENDING = Outbox.class.getName() + ".pending";

	private static final String INSERT = """
			insert into outbox (topic, message_key, message_type, payload, headers)
			select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
			""";

	private final JdbcClient jdbc;

	private final MessageCodec codec;

	private final WorkSignal signal;

	private final HeadersJson headersJson;

	Outbox(JdbcClient jdbc, MessageCodec codec, WorkSignal signal, HeadersJson headersJson) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.signal = signal;
		this.headersJson = headersJson;
	}

	/**
	 * Also records the trace the message is sent in, so that the relay's publish, though
	 * later and on another thread, continues it, and the {@link MessagePrincipal} the
	 * work is done for, so that the message carries it on.
	 */
	public void add(String topic, SagaMessage message) {
		Map<String, String> headers = new LinkedHashMap<>(2);
		String traceParent = Tracing.currentTraceParent();
		if (traceParent != null) {
			headers.put(Tracing.TRACEPARENT, traceParent);
		}
		String principal = MessagePrincipal.current();
		if (principal != null) {
			headers.put(MessagePrincipal.HEADER, principal);
		}
		pending().add(new Row(topic, message.key(), MessageTypes.nameOf(message), this.codec.encode(message),
				this.headersJson.write(headers)));
	}

	/**
	 * Headers are kept as given: a dead letter stays in the trace of the record it parks,
	 * and keeps its principal.
	 */
	void addRaw(String topic, String key, String type, String payload, Map<String, String> headers) {
		pending().add(new Row(topic, key, type, payload, this.headersJson.write(headers)));
	}

	private List<Row> pending() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("the outbox must be written in the transaction of the state change");
		}
		return BeforeCommit.buffer(PENDING, () -> {
			// the relay is woken once per transaction that wrote rows, after they are
			// visible
			AfterCommit.run(this.signal::signal);
			return new ArrayList<>();
		}, this::insert);
	}

	private void insert(List<Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		this.jdbc.sql(INSERT)
			.params(SqlColumns.of(rows, Row::topic), SqlColumns.of(rows, Row::key), SqlColumns.of(rows, Row::type),
					SqlColumns.of(rows, Row::payload), SqlColumns.of(rows, Row::headers))
			.update();
	}

	private record Row(String topic, String key, String type, String payload, String headers) {
	}

}
