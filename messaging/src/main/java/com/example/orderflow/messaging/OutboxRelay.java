package com.example.orderflow.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to Kafka in id order, then deletes them (or marks them
 * published, when {@code messaging.outbox.retention} keeps them).
 *
 * <p>
 * One relay per database publishes at a time (a transaction-scoped advisory lock), so
 * rows of one order leave in the order they were written even with several instances. A
 * row is marked only after the broker acknowledged it; a crash in between publishes it
 * again, which the consumers' inboxes absorb (at-least-once, effectively once).
 */
class OutboxRelay extends BatchWorker {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** Arbitrary, fixed: each service has its own database, so one key per database. */
	private static final long RELAY_LOCK = 0x6f7574626f78L;

	private static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, String> kafka;

	private final HeadersJson headersJson;

	private final MessagingProperties properties;

	private final MessagingMetrics metrics;

	private Instant nextHousekeeping = Instant.now();

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
			WorkSignal signal, HeadersJson headersJson, MessagingProperties properties, MessagingMetrics metrics) {
		super("outbox-relay", signal, Duration.ofSeconds(10));
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.headersJson = headersJson;
		this.properties = properties;
		this.metrics = metrics;
	}

	/**
	 * Starts after the listeners' phase so it stops before them: in-flight rows get sent.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 200;
	}

	/**
	 * Opens the producer's connection (with its idempotent producer id) and fetches the
	 * service's own topics' metadata at start, so the first saga after a start does not
	 * wait for them at every hop.
	 */
	@Override
	protected void prepare() {
		this.properties.topics().create().forEach(this.kafka::partitionsFor);
	}

	@Override
	protected int runRound() {
		int published = publishBatch(this.properties.outbox());
		housekeepIfDue();
		return published;
	}

	@Override
	protected int batchSize() {
		return this.properties.outbox().batchSize();
	}

	@Override
	protected Duration pollInterval() {
		return this.properties.outbox().pollInterval();
	}

	/**
	 * @return how many rows were published
	 */
	int publishBatch(MessagingProperties.Outbox settings) {
		Integer published = this.transactions.execute((status) -> {
			Boolean locked = this.jdbc.sql("select pg_try_advisory_xact_lock(?)")
				.param(RELAY_LOCK)
				.query(Boolean.class)
				.single();
			if (!Boolean.TRUE.equals(locked)) {
				return 0;
			}
			List<OutboxRow> rows = this.jdbc
				.sql("select id, topic, message_key, message_type, payload, headers from outbox "
						+ "where published_at is null order by id limit ?")
				.param(settings.batchSize())
				.query((rs, n) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6)))
				.list();
			if (rows.isEmpty()) {
				return 0;
			}
			send(rows, settings.sendTimeout());
			Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
			// A row kept after it is published is a second row version with index
			// entries of its own, deleted later: by default it is deleted now, which
			// writes least; the topic holds what was published.
			String settle = settings.retention().isZero() ? "delete from outbox where id = any(?)"
					: "update outbox set published_at = now() where id = any(?)";
			this.jdbc.sql(settle).param(ids).update();
			return rows.size();
		});
		int rows = (published != null) ? published : 0;
		if (rows > 0) {
			this.metrics.published(rows);
		}
		return rows;
	}

	private void send(List<OutboxRow> rows, Duration timeout) {
		List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
		List<Span> spans = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			Map<String, String> headers = new LinkedHashMap<>(this.headersJson.read(row.headers()));
			Span span = publishSpan(row, headers.remove(Tracing.TRACEPARENT));
			spans.add(span);
			ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
			record.headers().add(MessageCodec.TYPE_HEADER, row.type().getBytes(StandardCharsets.UTF_8));
			for (Map.Entry<String, String> header : headers.entrySet()) {
				record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
			}
			try (Scope scope = span.makeCurrent()) {
				// the consumer's span becomes a child of this one
				W3CTraceContextPropagator.getInstance()
					.inject(Context.current(), record.headers(), (carrier, key, value) -> carrier.remove(key)
						.add(key, value.getBytes(StandardCharsets.UTF_8)));
				acks.add(this.kafka.send(record));
			}
		}
		try {
			// the whole batch is handed over: send it now, in as few requests as
			// the producer's linger (5 ms by default) would make, without the
			// wait, which would only delay every hop of a saga. flush() returns
			// once every record is acknowledged or has failed (at the latest
			// after delivery.timeout.ms)
			this.kafka.flush();
			CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			spans.forEach((span) -> Tracing.failed(span, ex));
			throw new IllegalStateException("interrupted while publishing the outbox", ex);
		}
		catch (Exception ex) {
			spans.forEach((span) -> Tracing.failed(span, ex));
			throw new IllegalStateException("broker did not acknowledge the outbox batch", ex);
		}
		finally {
			spans.forEach(Span::end);
		}
	}

	/**
	 * A producer span in the trace of the work that wrote the row, per the OpenTelemetry
	 * messaging conventions; it lasts until the broker acknowledged the batch.
	 */
	private static Span publishSpan(OutboxRow row, String traceParent) {
		return Tracing.spanBuilder("send " + row.topic(), SpanKind.PRODUCER, traceParent)
			.setAttribute(MessagingAttributes.SYSTEM, "kafka")
			.setAttribute(MessagingAttributes.OPERATION_NAME, "send")
			.setAttribute(MessagingAttributes.OPERATION_TYPE, "send")
			.setAttribute(MessagingAttributes.DESTINATION, row.topic())
			.setAttribute(MessagingAttributes.MESSAGE_KEY, row.key())
			.setAttribute(MessagingAttributes.MESSAGE_TYPE, row.type())
			.setAttribute(Tracing.ORDER_ID, row.key())
			.startSpan();
	}

	private void housekeepIfDue() {
		Instant now = Instant.now();
		if (now.isBefore(this.nextHousekeeping)) {
			return;
		}
		this.nextHousekeeping = now.plus(HOUSEKEEPING_EVERY);
		int outbox = this.jdbc.sql("delete from outbox where published_at < now() - ?::interval")
			.param(this.properties.outbox().retention().toSeconds() + " seconds")
			.update();
		int inbox = this.jdbc.sql("delete from inbox where received_at < now() - ?::interval")
			.param(this.properties.inbox().retention().toSeconds() + " seconds")
			.update();
		if (outbox + inbox > 0) {
			log.debug("Purged {} published outbox rows and {} inbox entries", outbox, inbox);
		}
	}

	record OutboxRow(long id, String topic, String key, String type, String payload, String headers) {
	}

}
