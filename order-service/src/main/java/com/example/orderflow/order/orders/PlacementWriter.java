package com.example.orderflow.order.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.MessagePrincipal;
import com.example.orderflow.messaging.Outbox;
import com.example.orderflow.messaging.Tracing;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Group commit for order placement: the orders that requests hand in while a transaction
 * is being written go together into the next one, with one statement for the orders and
 * their lines, one for their {@link OrderPlaced} events and one commit (one WAL flush)
 * for all of them. One request alone is written at once, so an idle service answers as
 * quickly as before; under load, batches grow by themselves from what arrives meanwhile.
 * Every order still commits together with its event, and a request is answered only once
 * its order is committed.
 *
 * <p>
 * A batch that fails on one order's data is written again one order at a time, so a bad
 * order fails only its own request. A database that is away fails the whole batch: each
 * request gets that failure, as it would have on its own.
 */
@Component
class PlacementWriter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PlacementWriter.class);

	private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("orderflow.placement.batch");

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private final OrderRepository orders;

	private final Outbox outbox;

	private final TransactionOperations transactions;

	private final int maxBatch;

	private final DistributionSummary batchSizes;

	private final Thread writer;

	private volatile boolean stopping;

	PlacementWriter(OrderRepository orders, Outbox outbox, TransactionOperations transactions,
			PlacementProperties properties, MeterRegistry meters) {
		this.orders = orders;
		this.outbox = outbox;
		this.transactions = transactions;
		this.maxBatch = properties.maxBatch();
		this.batchSizes = DistributionSummary.builder("orders.placement.batch")
			.description("New orders written with one commit")
			.register(meters);
		Gauge.builder("orders.placement.waiting", this.queue, BlockingQueue::size)
			.description("New orders waiting for the transaction being written")
			.register(meters);
		this.writer = Thread.ofPlatform().name("order-placement-writer").daemon().start(this::writeUntilStopped);
	}

	/**
	 * Inserts the order and its {@link OrderPlaced}, committed when this returns. The
	 * write is a span in the caller's trace, and the event carries that trace and the
	 * order's principal.
	 * @return false if the customer already used the order's idempotency key: nothing was
	 * written
	 */
	boolean insert(NewOrder order) {
		Pending pending = new Pending(order, Tracing.currentTraceParent(), new CompletableFuture<>());
		this.queue.add(pending);
		if (this.stopping) {
			// the writer may have left already: nobody else would answer it (an order
			// handed in after the shutdown began fails at once)
			failAll(shuttingDown());
		}
		try {
			return pending.inserted().join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private void writeUntilStopped() {
		while (!this.stopping) {
			List<Pending> batch = new ArrayList<>();
			try {
				// woken by the first order; the timeout only to notice a shutdown
				Pending first = this.queue.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			this.queue.drainTo(batch, this.maxBatch - 1);
			this.batchSizes.record(batch.size());
			try {
				write(batch);
			}
			catch (RuntimeException | Error ex) {
				// the writer outlives anything one batch does
				log.error("Writing {} new orders failed unexpectedly", batch.size(), ex);
				batch.forEach((pending) -> pending.inserted().completeExceptionally(ex));
			}
		}
		failAll(shuttingDown());
	}

	/**
	 * Each order gets a span in its request's trace, from the start of the batch to its
	 * commit; the batch's own statements are not traced, since they belong to no single
	 * order (and, as root spans, would make a trace of their own per batch).
	 */
	private void write(List<Pending> batch) {
		List<Span> spans = batch.stream().map((pending) -> writeSpan(pending, batch.size())).toList();
		try {
			complete(batch, Tracing.untraced(() -> insertAll(batch, spans)));
		}
		catch (DataIntegrityViolationException ex) {
			spans.forEach((span) -> Tracing.failed(span, ex));
			if (batch.size() == 1) {
				batch.get(0).inserted().completeExceptionally(ex);
				return;
			}
			log.warn("{} new orders could not be written together ({}); writing them one at a time", batch.size(),
					ex.getMostSpecificCause().getMessage());
			for (Pending pending : batch) {
				write(List.of(pending));
			}
		}
		catch (RuntimeException ex) {
			spans.forEach((span) -> Tracing.failed(span, ex));
			batch.forEach((pending) -> pending.inserted().completeExceptionally(ex));
		}
		finally {
			spans.forEach(Span::end);
		}
	}

	private static Span writeSpan(Pending pending, int batchSize) {
		Span span = Tracing.startSpan("write order", SpanKind.INTERNAL, pending.traceParent());
		span.setAttribute(Tracing.ORDER_ID, pending.order().id().toString());
		span.setAttribute(BATCH_SIZE, batchSize);
		return span;
	}

	private Set<UUID> insertAll(List<Pending> batch, List<Span> spans) {
		// key order, so that two instances writing overlapping keys cannot deadlock
		List<NewOrder> newOrders = batch.stream()
			.map(Pending::order)
			.sorted(Comparator.comparing(NewOrder::customerId).thenComparing(NewOrder::idempotencyKey))
			.toList();
		return this.transactions.execute((status) -> {
			Set<UUID> inserted = this.orders.insertAllIfNew(newOrders);
			for (int i = 0; i < batch.size(); i++) {
				if (inserted.contains(batch.get(i).order().id())) {
					announce(batch.get(i).order(), spans.get(i));
				}
			}
			return inserted;
		});
	}

	/**
	 * The event in the order's trace, for the principal of the request that placed it.
	 */
	private void announce(NewOrder order, Span span) {
		OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), order.sagaId(), order.id(), Instant.now(),
				order.customerId(), order.currency(), order.request().items());
		try (Scope scope = span.makeCurrent()) {
			MessagePrincipal.runAs(order.placedBy(), () -> this.outbox.add(Topics.ORDER_EVENTS, placed));
		}
	}

	private static void complete(List<Pending> batch, Set<UUID> inserted) {
		batch.forEach((pending) -> pending.inserted().complete(inserted.contains(pending.order().id())));
	}

	private void failAll(RuntimeException failure) {
		List<Pending> left = new ArrayList<>();
		this.queue.drainTo(left);
		left.forEach((pending) -> pending.inserted().completeExceptionally(failure));
	}

	/**
	 * Stops after the batch in progress, once the web server has finished its requests
	 * (beans are destroyed after the graceful shutdown); an order still waiting fails.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.stopping = true;
		this.writer.join(Duration.ofSeconds(30));
		failAll(shuttingDown());
	}

	private static IllegalStateException shuttingDown() {
		return new IllegalStateException("order-service is shutting down");
	}

	/**
	 * @param traceParent the request's trace, which the order's span and event join
	 */
	private record Pending(NewOrder order, @Nullable String traceParent, CompletableFuture<Boolean> inserted) {
	}

}
