package com.example.orderflow.messaging;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a worker thread when new work was committed (rows for the outbox relay, payments
 * for a settlement worker), so the work waits for a round trip, not for the next poll.
 * Signals while the worker is busy collapse into one.
 */
public class WorkSignal {

	private final Semaphore permits = new Semaphore(0);

	public void signal() {
		if (this.permits.availablePermits() == 0) {
			this.permits.release();
		}
	}

	/** Waits until signalled or the timeout passed, whichever comes first. */
	public void await(Duration timeout) throws InterruptedException {
		if (this.permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			this.permits.drainPermits();
		}
	}

}
