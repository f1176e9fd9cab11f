package com.example.orderflow.messaging;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the relay when a transaction that wrote to the outbox commits, so a message waits
 * for a round trip, not for the next poll.
 */
class OutboxSignal {

	private final Semaphore permits = new Semaphore(0);

	void signal() {
		if (this.permits.availablePermits() == 0) {
			this.permits.release();
		}
	}

	void await(Duration timeout) throws InterruptedException {
		if (this.permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			this.permits.drainPermits();
		}
	}

}
