package com.example.orderflow.loadtest.chaos.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.report.Timeline;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;

/**
 * A fault the user's own commands inject and heal: how the drills reach deployments this
 * tool cannot signal itself, such as {@code docker kill} and
 * {@code docker compose up -d --wait} for compose, or {@code kubectl apply} and
 * {@code kubectl delete} of a Chaos Mesh resource for Kubernetes.
 */
final class CommandFault implements Fault {

	private final Commands.Line inject;

	private final Commands.Line healing;

	private final Commands.Line evidence;

	/**
	 * @param inject a shell line; it must succeed within two minutes
	 * @param healing a shell line that returns once the system is healed (ten minutes at
	 * most)
	 * @param evidence a shell line that succeeds only if the fault really happened, run
	 * after healing (a new container id, a restart count...), or null
	 */
	private CommandFault(Commands.Line inject, Commands.Line healing, Commands.Line evidence) {
		this.inject = inject;
		this.healing = healing;
		this.evidence = evidence;
	}

	@Override
	public void run(Duration length, Timeline timeline) throws InterruptedException {
		timeline.mark(Kind.FAULT_ON, this.inject.text());
		if (!this.inject.run().succeeded()) {
			throw new IllegalStateException("the fault could not be injected: " + this.inject.describe());
		}
		Thread.sleep(length.toMillis());
		timeline.mark(Kind.NOTE, this.healing.text());
		long healingFrom = System.nanoTime();
		heal();
		long healed = System.nanoTime();
		if (!this.healing.ran().succeeded()) {
			throw new IllegalStateException("the fault could not be healed: " + this.healing.describe());
		}
		// the heal line returns only once the system is healed, as ./stack up does
		timeline.ready(healingFrom, healed);
		timeline.mark(Kind.FAULT_OFF, "healed");
	}

	@Override
	public void heal() {
		if (this.inject.started()) {
			this.healing.runOnce();
		}
	}

	@Override
	public Check tookEffect() {
		boolean injected = this.inject.ran() != null && this.inject.ran().succeeded();
		boolean healed = this.healing.ran() != null && this.healing.ran().succeeded();
		if (injected && healed && this.evidence != null) {
			this.evidence.run();
		}
		boolean proven = this.evidence == null || (this.evidence.ran() != null && this.evidence.ran().succeeded());
		String figure = "inject: %s; heal: %s%s".formatted(this.inject.describe(), this.healing.describe(),
				(this.evidence != null) ? "; evidence: " + this.evidence.describe() : "");
		return Check.of("fault: injected, healed" + ((this.evidence != null) ? " and proven" : ""),
				injected && healed && proven, figure);
	}

	/** The lines as given; ChaosSettings has made sure inject and heal are. */
	static CommandFault of(String inject, String heal, String evidence, Path log) {
		return new CommandFault(new Commands.Line(inject, Duration.ofMinutes(2), log),
				new Commands.Line(heal, Duration.ofMinutes(10), log),
				(evidence != null) ? new Commands.Line(evidence, Duration.ofMinutes(2), log) : null);
	}

}
