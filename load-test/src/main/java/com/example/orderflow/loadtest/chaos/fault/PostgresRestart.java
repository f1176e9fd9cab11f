package com.example.orderflow.loadtest.chaos.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.report.Timeline;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;

/**
 * The PostgreSQL server the stack uses stopped the hard way ({@code -m immediate}: no
 * checkpoint, so starting it again is a crash recovery), kept down, then started by
 * {@code ./stack up}. Every service loses every connection at once, in the middle of
 * transactions: none may be half applied, and every service must come back on its own.
 */
final class PostgresRestart implements Fault {

	private final Stack stack;

	private final int port;

	private final AtomicBoolean down = new AtomicBoolean();

	private volatile Cluster cluster;

	private volatile String whileDown = "?";

	private volatile String afterwards = "?";

	private volatile double downSeconds;

	/**
	 * @param port the server's port ({@code PGPORT}, as ./stack uses it)
	 */
	PostgresRestart(Stack stack, int port) {
		this.stack = stack;
		this.port = port;
	}

	@Override
	public void run(Duration length, Timeline timeline) throws InterruptedException {
		this.cluster = Cluster.onPort(this.port);
		List<String> stop = this.cluster.control("stop", "-m", "immediate");
		timeline.mark(Kind.FAULT_ON, String.join(" ", stop));
		long from = System.nanoTime();
		this.down.set(true);
		Commands.Ran stopped = this.stack.command(stop, Duration.ofSeconds(60));
		if (!stopped.succeeded()) {
			throw new IllegalStateException(String.join(" ", stop) + " failed: " + stopped.output());
		}
		this.whileDown = Cluster.onPort(this.port).status();
		Thread.sleep(length.toMillis());
		timeline.mark(Kind.NOTE, "./stack up starts PostgreSQL again");
		long healingFrom = System.nanoTime();
		heal();
		long ready = System.nanoTime();
		this.downSeconds = (ready - from) / 1e9;
		timeline.ready(healingFrom, ready);
		this.afterwards = Cluster.onPort(this.port).status();
		timeline.mark(Kind.FAULT_OFF, "PostgreSQL " + this.afterwards);
	}

	@Override
	public void heal() {
		if (this.down.compareAndSet(true, false)) {
			this.stack.up();
		}
	}

	@Override
	public Check tookEffect() {
		boolean effect = "down".equals(this.whileDown) && "online".equals(this.afterwards);
		return Check.of("fault: PostgreSQL stopped and started again", effect,
				"cluster %s on port %d %s after the immediate stop, %s after ./stack up (%.0f s later)".formatted(
						(this.cluster != null) ? this.cluster.name() : "?", this.port, this.whileDown, this.afterwards,
						this.downSeconds));
	}

	/** A Debian PostgreSQL cluster, as {@code pg_lsclusters} lists it. */
	record Cluster(String version, String name, String status) {

		static Cluster onPort(int port) {
			for (String line : Stack.output(List.of("pg_lsclusters", "-h")).split("\n")) {
				String[] columns = line.trim().split("\\s+");
				if (columns.length >= 4 && columns[2].equals(Integer.toString(port))) {
					return new Cluster(columns[0], columns[1], columns[3]);
				}
			}
			throw new IllegalStateException("no PostgreSQL cluster on port " + port + " in pg_lsclusters");
		}

		/** pg_ctlcluster, through sudo unless this is root already. */
		List<String> control(String... action) {
			List<String> command = new ArrayList<>();
			if (!"root".equals(System.getProperty("user.name"))) {
				command.addAll(List.of("sudo", "-n"));
			}
			command.addAll(List.of("pg_ctlcluster", this.version, this.name));
			command.addAll(List.of(action));
			return command;
		}

		@Override
		public String name() {
			return this.version + "/" + this.name;
		}

	}

}
