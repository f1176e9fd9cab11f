package com.example.orderflow.loadtest.chaos.fault;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.report.Timeline;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;

/**
 * kill -9 a service mid-saga, like a crashed host: no shutdown hook, no draining, a batch
 * half applied and offsets not committed. It stays dead for the fault's length, then
 * {@code ./stack up} starts it again; the fault is off once it is ready.
 */
final class ServiceKill implements Fault {

	private final Stack stack;

	private final String service;

	private final AtomicBoolean dead = new AtomicBoolean();

	private volatile long killed = -1;

	private volatile long restarted = -1;

	private volatile double restartSeconds;

	ServiceKill(Stack stack, String service) {
		this.stack = stack;
		this.service = service;
	}

	@Override
	public void run(Duration length, Timeline timeline) throws InterruptedException {
		this.killed = this.stack.pid(this.service);
		timeline.mark(Kind.FAULT_ON, "kill -9 " + this.service + " (pid " + this.killed + ")");
		this.dead.set(true);
		this.stack.signal(this.killed, "KILL");
		this.stack.awaitExit(this.killed, Duration.ofSeconds(30));
		Thread.sleep(length.toMillis());
		timeline.mark(Kind.NOTE, "./stack up restarts " + this.service);
		long restartFrom = System.nanoTime();
		heal();
		long ready = System.nanoTime();
		this.restartSeconds = (ready - restartFrom) / 1e9;
		timeline.ready(restartFrom, ready);
		timeline.mark(Kind.FAULT_OFF, this.service + " ready again (pid " + this.restarted + ")");
	}

	@Override
	public void heal() {
		if (this.dead.compareAndSet(true, false)) {
			this.stack.up();
			this.restarted = this.stack.pid(this.service);
		}
	}

	@Override
	public Check tookEffect() {
		boolean effect = this.killed > 0 && !this.stack.alive(this.killed) && this.restarted > 0
				&& this.restarted != this.killed && this.stack.alive(this.restarted);
		return Check.of("fault: " + this.service + " killed and restarted", effect,
				"pid %d killed with SIGKILL; ./stack up had pid %d ready after %.0f s".formatted(this.killed,
						this.restarted, this.restartSeconds));
	}

}
