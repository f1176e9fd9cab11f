package com.example.orderflow.loadtest.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.example.orderflow.loadtest.SagaTracker;
import com.example.orderflow.loadtest.Shop;
import com.example.orderflow.loadtest.Shop.Answer;
import com.example.orderflow.loadtest.chaos.report.Timeline;

/**
 * A steady load through the gateway, open loop: orders go out at the rate whatever the
 * system does, as customers keep coming during an outage. A refused POST is not retried;
 * it is counted, by status, and the order does not exist (unless it was placed and only
 * the answer was lost, which the audit finds by listing the customers' orders).
 */
final class LoadDriver {

	private final Shop shop;

	private final DrillSetup setup;

	private final SagaTracker tracker;

	private final Timeline timeline;

	private final Set<String> accepted = ConcurrentHashMap.newKeySet();

	private final Map<String, Integer> refusals = new ConcurrentHashMap<>();

	private final List<CompletableFuture<Void>> answers = Collections.synchronizedList(new ArrayList<>());

	private final AtomicLong posted = new AtomicLong();

	LoadDriver(Shop shop, DrillSetup setup, SagaTracker tracker, Timeline timeline) {
		this.shop = shop;
		this.setup = setup;
		this.tracker = tracker;
		this.timeline = timeline;
	}

	void drive(int rate, Duration duration) {
		long interval = 1_000_000_000L / rate;
		long next = System.nanoTime();
		long end = next + duration.toNanos();
		while (next < end) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			next += interval;
			post();
		}
	}

	/**
	 * Until every POST has its answer, or the time is up (the client gives up after 30 s
	 * anyway).
	 */
	void awaitAnswers(Duration atMost) throws InterruptedException {
		try {
			CompletableFuture.allOf(this.answers.toArray(CompletableFuture[]::new))
				.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// an answer still missing counts as neither accepted nor refused
		}
	}

	long posted() {
		return this.posted.get();
	}

	Set<String> accepted() {
		return Set.copyOf(this.accepted);
	}

	/** Answers other than 202, by status; "no answer" when none came. */
	Map<String, Integer> refusals() {
		return new TreeMap<>(this.refusals);
	}

	long refused() {
		return this.refusals.values().stream().mapToLong(Integer::longValue).sum();
	}

	private void post() {
		long postedAt = System.nanoTime();
		this.posted.incrementAndGet();
		this.timeline.posted(postedAt);
		String order = this.setup.nextOrder(ThreadLocalRandom.current());
		this.answers.add(this.shop.post(order).thenAccept((answer) -> answered(answer, postedAt)));
	}

	private void answered(Answer answer, long postedAt) {
		if (answer.accepted()) {
			this.accepted.add(answer.orderId());
			this.tracker.posted(answer.orderId(), postedAt);
		}
		else {
			this.timeline.refused(postedAt);
			this.refusals.merge((answer.status() == 0) ? "no answer" : Integer.toString(answer.status()), 1,
					Integer::sum);
		}
	}

}
