package com.example.orderflow.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.SagaMessage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of Kafka records in one database transaction: each record is decoded,
 * checked against the inbox and handed to the service's handler, whose writes (state and
 * outbox) join the same transaction. Kafka offsets are committed by the listener
 * container only after this returns, so a crash before commit means redelivery, never
 * loss.
 *
 * <p>
 * One transaction per batch is what lets a service keep up under load: the commit (and
 * its fsync) is shared by the whole batch. If one record fails for good, the batch is
 * rolled back and replayed one record per transaction, so only that record is parked on
 * the dead-letter topic.
 *
 * <p>
 * A transient failure (database down, deadlock) replays the batch the same way, so the
 * records before the failing one commit, and then names the failing record to the
 * container ({@link BatchListenerFailedException}): the container commits the offsets
 * before it and retries from it with exponential backoff, blocking its partition to keep
 * the saga's messages in order. Only if the failure outlasts every retry is that one
 * record parked, so a message that keeps failing "transiently" cannot hold the partition
 * forever.
 */
public class TransactionalConsumer {

	private static final Logger log = LoggerFactory.getLogger(TransactionalConsumer.class);

	private static final AttributeKey<Boolean> REDELIVERY = AttributeKey.booleanKey("orderflow.message.redelivery");

	private final TransactionTemplate transactions;

	private final Inbox inbox;

	private final MessageCodec codec;

	private final DeadLetters deadLetters;

	private final FailureClassifier failures;

	private final String consumerGroup;

	private final ConsumerAssignments assignments;

	TransactionalConsumer(TransactionTemplate transactions, Inbox inbox, MessageCodec codec, DeadLetters deadLetters,
			FailureClassifier failures, String consumerGroup, ConsumerAssignments assignments) {
		this.transactions = transactions;
		this.assignments = assignments;
		this.inbox = inbox;
		this.codec = codec;
		this.deadLetters = deadLetters;
		this.failures = failures;
		this.consumerGroup = consumerGroup;
	}

	/**
	 * Each record is processed in a span of its own, a child of the span that sent it, so
	 * the order's trace runs on through this service; the batch's shared bookkeeping
	 * (inbox, commit) is not traced. The handler runs as the record's
	 * {@link MessagePrincipal}, so what it sends carries the principal on.
	 */
	public void consume(List<ConsumerRecord<String, String>> records, Consumer<SagaMessage> handler) {
		consume(records, (messages) -> {
		}, handler);
	}

	/**
	 * As {@link #consume(List, Consumer)}, and first hands {@code prepare} the messages
	 * about to be handled (first deliveries, in order), in their transaction: a handler
	 * that reads or locks a row per message can then do it for all of them with one
	 * statement. Replayed one by one, each message is prepared alone.
	 */
	public void consume(List<ConsumerRecord<String, String>> records, Consumer<List<SagaMessage>> prepare,
			Consumer<SagaMessage> handler) {
		Tracing.untraced(() -> consumeBatch(records, new Handler(prepare, handler)));
		this.assignments.applied(records);
	}

	private void consumeBatch(List<ConsumerRecord<String, String>> records, Handler handler) {
		try {
			this.transactions.executeWithoutResult((status) -> applyBatch(records, handler));
		}
		catch (RuntimeException ex) {
			if (this.failures.isTransient(ex)) {
				log.info("A batch of {} failed transiently ({}), replaying it one by one", records.size(),
						ex.toString());
			}
			else {
				log.info("A record in a batch of {} failed for good, replaying them one by one", records.size());
			}
			for (int i = 0; i < records.size(); i++) {
				try {
					consumeAlone(records.get(i), handler);
				}
				catch (RuntimeException transientFailure) {
					throw new BatchListenerFailedException(transientFailure.toString(), transientFailure, i);
				}
			}
		}
	}

	/** Throws only transient failures; parks a record that fails for good. */
	private void consumeAlone(ConsumerRecord<String, String> record, Handler handler) {
		try {
			this.transactions.executeWithoutResult((status) -> apply(record, handler));
		}
		catch (RuntimeException ex) {
			if (this.failures.isTransient(ex)) {
				throw ex;
			}
			log.warn("Parking {}-{}@{} on the dead-letter topic: {}", record.topic(), record.partition(),
					record.offset(), ex.toString());
			this.transactions.executeWithoutResult((status) -> {
				if (this.inbox.firstDelivery(coordinatesId(record))) {
					this.deadLetters.park(record, this.consumerGroup, ex);
				}
			});
		}
	}

	private void applyBatch(List<ConsumerRecord<String, String>> records, Handler handler) {
		List<Decoded> decoded = new ArrayList<>(records.size());
		for (ConsumerRecord<String, String> record : records) {
			SagaMessage message = decodeOrPark(record);
			if (message != null) {
				decoded.add(new Decoded(record, message));
			}
		}
		Set<UUID> fresh = this.inbox
			.firstDeliveries(decoded.stream().map((each) -> each.message().messageId()).toList());
		List<Boolean> first = new ArrayList<>(decoded.size());
		List<SagaMessage> toHandle = new ArrayList<>(decoded.size());
		for (Decoded each : decoded) {
			boolean firstDelivery = fresh.remove(each.message().messageId());
			first.add(firstDelivery);
			if (firstDelivery) {
				toHandle.add(each.message());
			}
		}
		if (!toHandle.isEmpty()) {
			handler.prepare().accept(toHandle);
		}
		for (int i = 0; i < decoded.size(); i++) {
			process(decoded.get(i).record(), decoded.get(i).message(), first.get(i), handler.handle());
		}
	}

	private void apply(ConsumerRecord<String, String> record, Handler handler) {
		SagaMessage message = decodeOrPark(record);
		if (message != null) {
			boolean firstDelivery = this.inbox.firstDelivery(message.messageId());
			if (firstDelivery) {
				handler.prepare().accept(List.of(message));
			}
			process(record, message, firstDelivery, handler.handle());
		}
	}

	/** A redelivery gets a span too, so a trace shows that it arrived and was dropped. */
	private void process(ConsumerRecord<String, String> record, SagaMessage message, boolean firstDelivery,
			Consumer<SagaMessage> handler) {
		Span span = Tracing
			.spanBuilder("process " + record.topic(), SpanKind.CONSUMER,
					DeadLetters.headerValue(record, Tracing.TRACEPARENT))
			.setAttribute(MessagingAttributes.SYSTEM, "kafka")
			.setAttribute(MessagingAttributes.OPERATION_NAME, "process")
			.setAttribute(MessagingAttributes.OPERATION_TYPE, "process")
			.setAttribute(MessagingAttributes.DESTINATION, record.topic())
			.setAttribute(MessagingAttributes.PARTITION, String.valueOf(record.partition()))
			.setAttribute(MessagingAttributes.OFFSET, record.offset())
			.setAttribute(MessagingAttributes.CONSUMER_GROUP, this.consumerGroup)
			.setAttribute(MessagingAttributes.MESSAGE_KEY, record.key())
			.setAttribute(MessagingAttributes.MESSAGE_ID, message.messageId().toString())
			.setAttribute(MessagingAttributes.MESSAGE_TYPE, MessageTypes.nameOf(message))
			.setAttribute(Tracing.ORDER_ID, message.orderId().toString())
			.setAttribute(Tracing.SAGA_ID, message.sagaId().toString())
			.setAttribute(REDELIVERY, !firstDelivery)
			.startSpan();
		Tracing.within(span, () -> {
			if (firstDelivery) {
				// what the handler sends carries the record's principal on, as its trace
				MessagePrincipal.runAs(DeadLetters.headerValue(record, MessagePrincipal.HEADER),
						() -> handler.accept(message));
			}
			log.debug("Processed {} {} for order {} from {}-{}@{}{}", MessageTypes.nameOf(message), message.messageId(),
					message.orderId(), record.topic(), record.partition(), record.offset(),
					firstDelivery ? "" : " (a redelivery, dropped)");
		});
	}

	private record Decoded(ConsumerRecord<String, String> record, SagaMessage message) {
	}

	private record Handler(Consumer<List<SagaMessage>> prepare, Consumer<SagaMessage> handle) {
	}

	/**
	 * @return the message, or null if the record was parked as undecodable
	 */
	private SagaMessage decodeOrPark(ConsumerRecord<String, String> record) {
		try {
			return this.codec.decode(DeadLetters.headerValue(record, MessageCodec.TYPE_HEADER), record.value());
		}
		catch (UndecodableMessageException ex) {
			log.warn("Parking undecodable {}-{}@{} on the dead-letter topic: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
			if (this.inbox.firstDelivery(coordinatesId(record))) {
				this.deadLetters.park(record, this.consumerGroup, ex);
			}
			return null;
		}
	}

	/**
	 * Identifies a parked record by where it was read, so a replayed batch parks it once.
	 */
	private UUID coordinatesId(ConsumerRecord<String, String> record) {
		String coordinates = this.consumerGroup + "/" + record.topic() + "/" + record.partition() + "/"
				+ record.offset();
		return UUID.nameUUIDFromBytes(coordinates.getBytes(StandardCharsets.UTF_8));
	}

}
