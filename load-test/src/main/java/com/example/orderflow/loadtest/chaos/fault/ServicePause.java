package com.example.orderflow.loadtest.chaos.fault;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.report.Timeline;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;

/**
 * SIGSTOP a service, then SIGCONT it: a long GC pause or a frozen VM. Paused past the
 * Kafka session timeout, its consumer is dropped from the group while it still holds a
 * batch; on waking up it is a zombie that must not apply that batch twice.
 */
final class ServicePause implements Fault {

	/**
	 * What Spring Kafka logs when the consumer finds, on waking, that the group dropped
	 * it: proof that the pause outlasted the session timeout.
	 */
	static final String DROPPED = "partitions lost";

	private final Stack stack;

	private final String service;

	private final AtomicBoolean paused = new AtomicBoolean();

	private volatile long pid = -1;

	private volatile char whilePaused = '?';

	private volatile char afterwards = '?';

	private volatile double pausedSeconds;

	private volatile long logFrom;

	ServicePause(Stack stack, String service) {
		this.stack = stack;
		this.service = service;
	}

	@Override
	public void run(Duration length, Timeline timeline) throws InterruptedException {
		this.pid = this.stack.pid(this.service);
		this.logFrom = this.stack.logLength(this.service);
		timeline.mark(Kind.FAULT_ON, "SIGSTOP " + this.service + " (pid " + this.pid + ")");
		long from = System.nanoTime();
		this.paused.set(true);
		this.stack.signal(this.pid, "STOP");
		Thread.sleep(Math.min(500, length.toMillis()));
		this.whilePaused = this.stack.state(this.pid);
		Thread.sleep(Math.max(0, length.toMillis() - 500));
		timeline.mark(Kind.FAULT_OFF, "SIGCONT " + this.service);
		heal();
		this.pausedSeconds = (System.nanoTime() - from) / 1e9;
		Thread.sleep(500);
		this.afterwards = this.stack.state(this.pid);
	}

	@Override
	public void heal() {
		if (this.paused.compareAndSet(true, false)) {
			this.stack.signal(this.pid, "CONT");
		}
	}

	@Override
	public Check tookEffect() {
		int dropped = this.stack.countInLog(this.service, this.logFrom, Long.MAX_VALUE, DROPPED);
		boolean effect = this.whilePaused == 'T' && this.afterwards != 'T' && this.stack.alive(this.pid) && dropped > 0;
		return Check.of("fault: " + this.service + " paused past its session timeout and resumed", effect,
				"pid %d in state %s while paused, for %.0f s; state %s after SIGCONT; %s".formatted(this.pid,
						this.whilePaused, this.pausedSeconds, this.afterwards,
						(dropped > 0) ? "the group had dropped its consumer (\"" + DROPPED + "\" in its log)"
								: "its consumer was NOT dropped from the group: pause it longer than the "
										+ "consumer's session.timeout.ms (--fault-for)"));
	}

}
