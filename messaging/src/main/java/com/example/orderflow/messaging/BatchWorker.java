package com.example.orderflow.messaging;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A background thread that works in batches: it runs rounds back to back while they come
 * back full, and otherwise waits for its {@link WorkSignal} or its poll interval,
 * whichever comes first. A round that fails is logged and tried again a second later. The
 * outbox relay and payment-service's settlement worker are two.
 */
public abstract class BatchWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BatchWorker.class);

	private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

	private final String name;

	private final WorkSignal signal;

	private final Duration stopTimeout;

	private volatile Thread worker;

	private volatile boolean running;

	private volatile boolean prepared;

	/**
	 * @param name the thread's name, also in log lines
	 * @param signal what wakes the worker when new work was committed
	 * @param stopTimeout how long stopping waits for a round in progress
	 */
	protected BatchWorker(String name, WorkSignal signal, Duration stopTimeout) {
		this.name = name;
		this.signal = signal;
		this.stopTimeout = stopTimeout;
	}

	/**
	 * One round.
	 * @return how many items it handled: fewer than {@link #batchSize()} means the work
	 * is done for now
	 */
	protected abstract int runRound();

	protected abstract int batchSize();

	protected abstract Duration pollInterval();

	/**
	 * Runs once on the worker's thread before its first round: what would otherwise make
	 * the first round slow (connections opened, metadata fetched). A failure is logged
	 * and left to the rounds. Nothing by default.
	 */
	protected void prepare() {
	}

	/**
	 * @return whether the worker runs and has prepared for its first round
	 */
	public boolean isPrepared() {
		return this.running && this.prepared;
	}

	/** Wakes the worker once the current transaction has committed the new work. */
	public void wakeAfterCommit() {
		AfterCommit.run(this.signal::signal);
	}

	@Override
	public void start() {
		this.running = true;
		this.worker = Thread.ofPlatform().name(this.name).daemon().start(this::run);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.worker;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(this.stopTimeout);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		try {
			prepare();
		}
		catch (RuntimeException ex) {
			log.warn("{} could not prepare, its first round will: {}", this.name, ex.toString());
		}
		this.prepared = true;
		while (this.running) {
			try {
				// a round traces only the work it picks up, in that work's own trace
				if (Tracing.untraced(this::runRound) < batchSize()) {
					this.signal.await(pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				log.warn("{} failed, retrying shortly: {}", this.name, ex.toString());
				try {
					Thread.sleep(AFTER_FAILURE);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

}
