package com.example.orderflow.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many outbox rows wait for the relay and how long the oldest has waited, read with
 * one query on the partial index of unpublished rows and reused for
 * {@code messaging.outbox.backlog-refresh}, so scrapes (one per instance, every 15s or
 * so) never add up to load on the database.
 *
 * <p>
 * The query runs off the caller's thread and the caller waits for it only briefly: a
 * database that is down or a pool that is exhausted would otherwise hold a scrape until
 * the pool's connection timeout and fail it, losing every other meter of that scrape too.
 * Meanwhile the last known values are reported (NaN before the first success).
 */
class OutboxBacklog {

	private static final Logger log = LoggerFactory.getLogger(OutboxBacklog.class);

	private static final Duration AWAIT_QUERY = Duration.ofSeconds(1);

	/** Age on the database's clock, so the application's clock cannot skew it. */
	private static final String QUERY = """
			select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)
			from outbox where published_at is null
			""";

	private final JdbcClient jdbc;

	private final long refreshNanos;

	private final AtomicReference<Query> latest = new AtomicReference<>();

	private volatile Snapshot lastKnown = new Snapshot(Double.NaN, Double.NaN);

	OutboxBacklog(JdbcClient jdbc, Duration refreshEvery) {
		this.jdbc = jdbc;
		this.refreshNanos = refreshEvery.toNanos();
	}

	/** Unpublished rows. */
	double rows() {
		return current().rows();
	}

	/** Seconds the oldest unpublished row has waited, 0 when there is none. */
	double oldestAgeSeconds() {
		return current().oldestAgeSeconds();
	}

	private Snapshot current() {
		Query query = this.latest.get();
		if (query == null || query.isStale(this.refreshNanos)) {
			Query next = new Query(System.nanoTime(), new CompletableFuture<>());
			if (this.latest.compareAndSet(query, next)) {
				Thread.ofVirtual().name("outbox-backlog").start(() -> Tracing.untraced(() -> run(next.result())));
			}
			query = this.latest.get();
		}
		try {
			return query.result().get(AWAIT_QUERY.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.lastKnown;
		}
		catch (ExecutionException | TimeoutException ex) {
			return this.lastKnown;
		}
	}

	private void run(CompletableFuture<Snapshot> result) {
		try {
			Snapshot snapshot = this.jdbc.sql(QUERY)
				.query((rs, n) -> new Snapshot(rs.getLong(1), rs.getDouble(2)))
				.single();
			this.lastKnown = snapshot;
			result.complete(snapshot);
		}
		catch (RuntimeException ex) {
			log.debug("Could not read the outbox backlog, reporting the last known values", ex);
			result.completeExceptionally(ex);
		}
	}

	record Snapshot(double rows, double oldestAgeSeconds) {
	}

	/** A query in flight or done; a failed one is retried no sooner than a good one. */
	private record Query(long startedAt, CompletableFuture<Snapshot> result) {

		boolean isStale(long refreshNanos) {
			return this.result.isDone() && System.nanoTime() - this.startedAt >= refreshNanos;
		}

	}

}
