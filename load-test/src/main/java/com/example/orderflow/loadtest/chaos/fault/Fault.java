package com.example.orderflow.loadtest.chaos.fault;

import java.time.Duration;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.report.Timeline;

/** One kind of trouble, injected into the running stack and healed again. */
public interface Fault {

	/**
	 * Gets the stack ready for the fault before the load starts, e.g. routes a service
	 * through a proxy that can cut it off. Does nothing for most faults.
	 */
	default void prepare() throws Exception {
	}

	/**
	 * Undoes {@link #prepare} once the system has settled, and on every way out: the
	 * stack must be as the drill found it.
	 */
	default void restore() {
	}

	/**
	 * Injects the fault, keeps it for {@code length}, then heals it, marking the timeline
	 * as it goes (fault on, fault off, what happened in between). A fault that restarts
	 * something also tells the timeline when healing began and when that was ready again
	 * ({@link Timeline#ready}), for the report's recovery figures.
	 */
	void run(Duration length, Timeline timeline) throws Exception;

	/**
	 * Heals whatever {@link #run} left behind when it was interrupted or failed (also
	 * from a shutdown hook, on Ctrl-C): a drill must never leave a service frozen or the
	 * payment provider failing. Does nothing when there is nothing to heal.
	 */
	void heal();

	/**
	 * Whether the system has done what the fault needs beyond ending every order, e.g.
	 * applied every replayed record again; settling waits for it.
	 */
	default boolean caughtUp() {
		return true;
	}

	/**
	 * The evidence that the fault happened as designed, as a check of its own: a drill
	 * whose fault did nothing proves nothing and must not pass.
	 */
	Check tookEffect();

}
