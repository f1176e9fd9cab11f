package com.example.orderflow.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.example.orderflow.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Parks a record whose transient failure outlasted every retry on its {@code .dlt} twin,
 * so it cannot hold its partition forever. Published straight to Kafka, not through the
 * outbox: the database may well be what keeps failing. If the broker cannot take it
 * either, this throws, and the error handler keeps the record and tries again.
 */
class TransientRetriesExhausted implements ConsumerRecordRecoverer {

	private static final Logger log = LoggerFactory.getLogger(TransientRetriesExhausted.class);

	private final KafkaTemplate<String, String> kafka;

	private final String consumerGroup;

	private final Duration retriedFor;

	private final MessagingMetrics metrics;

	TransientRetriesExhausted(KafkaTemplate<String, String> kafka, String consumerGroup, Duration retriedFor,
			MessagingMetrics metrics) {
		this.kafka = kafka;
		this.consumerGroup = consumerGroup;
		this.retriedFor = retriedFor;
		this.metrics = metrics;
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Exception exception) {
		Throwable failure = (exception instanceof ListenerExecutionFailedException && exception.getCause() != null)
				? exception.getCause() : exception;
		String reason = "still failing after retrying for " + this.retriedFor + ": " + DeadLetters.describe(failure);
		Map<String, String> headers = DeadLetters.headers(record, this.consumerGroup, reason, failure);
		ProducerRecord<String, String> parked = new ProducerRecord<>(Topics.deadLetterTopicOf(record.topic()),
				(String) record.key(), (String) record.value());
		headers.forEach((name, value) -> parked.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		String type = DeadLetters.headerValue(record, MessageCodec.TYPE_HEADER);
		parked.headers()
			.add(MessageCodec.TYPE_HEADER, ((type != null) ? type : "unknown").getBytes(StandardCharsets.UTF_8));
		log.error("Parking {} on the dead-letter topic: {}", KafkaUtils.format(record), reason);
		try {
			this.kafka.send(parked).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while parking " + KafkaUtils.format(record), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not park " + KafkaUtils.format(record), ex);
		}
		this.metrics.parked(record.topic(), MessagingMetrics.RETRIES_EXHAUSTED);
	}

}
