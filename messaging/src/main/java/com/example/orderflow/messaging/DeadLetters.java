package com.example.orderflow.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.orderflow.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Parks a record that can never be processed on its topic's {@code .dlt} twin, through
 * the outbox, so parking it and moving past it commit together. The headers say why and
 * where it came from, so an operator can fix and replay it.
 */
class DeadLetters {

	static final String REASON = "dlt-reason";

	static final String EXCEPTION = "dlt-exception";

	static final String ORIGINAL_TOPIC = "dlt-original-topic";

	static final String ORIGINAL_PARTITION = "dlt-original-partition";

	static final String ORIGINAL_OFFSET = "dlt-original-offset";

	static final String CONSUMER_GROUP = "dlt-consumer-group";

	static final String FAILED_AT = "dlt-failed-at";

	private final Outbox outbox;

	private final MessagingMetrics metrics;

	DeadLetters(Outbox outbox, MessagingMetrics metrics) {
		this.outbox = outbox;
		this.metrics = metrics;
	}

	void park(ConsumerRecord<String, String> record, String consumerGroup, Throwable failure) {
		Map<String, String> headers = headers(record, consumerGroup, describe(failure), failure);
		String type = headerValue(record, MessageCodec.TYPE_HEADER);
		this.outbox.addRaw(Topics.deadLetterTopicOf(record.topic()), record.key(), (type != null) ? type : "unknown",
				record.value(), headers);
		// a rolled-back batch parks its records again when replayed: count commits
		String topic = record.topic();
		AfterCommit.run(() -> this.metrics.parked(topic, MessagingMetrics.PERMANENT));
	}

	/**
	 * The record's own headers (but its type, which the outbox sets) and why and where
	 * from it was parked.
	 */
	static Map<String, String> headers(ConsumerRecord<?, ?> record, String consumerGroup, String reason,
			Throwable failure) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			if (header.value() != null && !MessageCodec.TYPE_HEADER.equals(header.key())) {
				headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
			}
		}
		headers.put(REASON, reason);
		headers.put(EXCEPTION, failure.getClass().getName());
		headers.put(ORIGINAL_TOPIC, record.topic());
		headers.put(ORIGINAL_PARTITION, Integer.toString(record.partition()));
		headers.put(ORIGINAL_OFFSET, Long.toString(record.offset()));
		headers.put(CONSUMER_GROUP, consumerGroup);
		headers.put(FAILED_AT, Instant.now().toString());
		return headers;
	}

	static String headerValue(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	static String describe(Throwable failure) {
		String message = failure.getMessage();
		String reason = (message != null) ? message : failure.getClass().getSimpleName();
		return (reason.length() > 500) ? reason.substring(0, 500) : reason;
	}

}
