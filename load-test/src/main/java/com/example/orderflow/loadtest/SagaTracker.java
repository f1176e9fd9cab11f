package com.example.orderflow.loadtest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Joins the moment an order was posted with the moment its outcome appeared on Kafka. The
 * two can arrive in either order: a fast saga may finish before the HTTP response is
 * read.
 */
public final class SagaTracker {

	private final Map<String, Long> started = new ConcurrentHashMap<>();

	private final Map<String, Outcome> finished = new ConcurrentHashMap<>();

	private final AtomicLong approved = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private volatile Latencies latencies = new Latencies();

	private volatile long measuringSince = Long.MAX_VALUE;

	private volatile Consumer<String> onFinished = (orderId) -> {
	};

	private volatile Consumer<Completion> onCompleted = (completion) -> {
	};

	void onFinished(Consumer<String> listener) {
		this.onFinished = listener;
	}

	/** Hears of every joined saga, measured or not, with both of its moments. */
	public void onCompleted(Consumer<Completion> listener) {
		this.onCompleted = listener;
	}

	/** Counts only sagas posted from now on. */
	void startMeasuring(long nanos) {
		this.latencies = new Latencies();
		this.approved.set(0);
		this.rejected.set(0);
		this.measuringSince = nanos;
	}

	public void posted(String orderId, long postedAt) {
		Outcome outcome = this.finished.remove(orderId);
		if (outcome != null) {
			complete(orderId, postedAt, outcome);
		}
		else {
			this.started.put(orderId, postedAt);
			outcome = this.finished.remove(orderId);
			if (outcome != null && this.started.remove(orderId) != null) {
				complete(orderId, postedAt, outcome);
			}
		}
	}

	void finished(String orderId, long at, boolean wasApproved) {
		Long postedAt = this.started.remove(orderId);
		Outcome outcome = new Outcome(at, wasApproved);
		if (postedAt != null) {
			complete(orderId, postedAt, outcome);
		}
		else {
			this.finished.put(orderId, outcome);
			postedAt = this.started.remove(orderId);
			if (postedAt != null && this.finished.remove(orderId) != null) {
				complete(orderId, postedAt, outcome);
			}
		}
	}

	Latencies latencies() {
		return this.latencies;
	}

	long approved() {
		return this.approved.get();
	}

	long rejected() {
		return this.rejected.get();
	}

	int inFlight() {
		return this.started.size();
	}

	private void complete(String orderId, long postedAt, Outcome outcome) {
		if (postedAt >= this.measuringSince) {
			this.latencies.add(outcome.at() - postedAt);
			(outcome.approved() ? this.approved : this.rejected).incrementAndGet();
		}
		this.onFinished.accept(orderId);
		this.onCompleted.accept(new Completion(orderId, postedAt, outcome.at(), outcome.approved()));
	}

	/**
	 * @param postedAt when the order was posted, {@link System#nanoTime()}
	 * @param finishedAt when its outcome was seen, {@link System#nanoTime()}
	 */
	public record Completion(String orderId, long postedAt, long finishedAt, boolean approved) {

	}

	private record Outcome(long at, boolean approved) {
	}

}
