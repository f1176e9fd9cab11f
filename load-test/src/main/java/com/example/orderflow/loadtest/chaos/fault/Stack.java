package com.example.orderflow.loadtest.chaos.fault;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The running local stack, as {@code ./stack} left it: a pid file per component in its
 * run folder. Signals go to those pids; recovery is {@code ./stack up} itself, which
 * starts only what is not running, so a drill heals the way an operator would.
 */
public final class Stack {

	private static final Duration UP_AT_MOST = Duration.ofMinutes(10);

	private final Path script;

	private final Path runFolder;

	private final Path log;

	/**
	 * @param script the {@code stack} script; it runs with this process's environment, so
	 * with the same STACK_DIR, ports and DB_PREFIX
	 * @param runFolder where the pid files are ({@code $STACK_DIR/run})
	 * @param log where the output of {@code ./stack up} goes
	 */
	public Stack(Path script, Path runFolder, Path log) {
		this.script = script;
		this.runFolder = runFolder;
		this.log = log;
	}

	long pid(String component) {
		try {
			return Long.parseLong(Files.readString(this.runFolder.resolve(component + ".pid")).trim());
		}
		catch (IOException | NumberFormatException ex) {
			throw new IllegalStateException(component + " has no pid file in " + this.runFolder + ": is the stack up?",
					ex);
		}
	}

	/** Where the drill's own commands (./stack up, pg_ctlcluster...) write. */
	Path drillLog() {
		return this.log;
	}

	/** The component's log, which ./stack keeps next to the run folder. */
	Path log(String component) {
		return this.runFolder.resolveSibling("logs").resolve(component + ".log");
	}

	long logLength(String component) {
		return log(component).toFile().length();
	}

	/**
	 * How often {@code text} occurs in what the component logged between two
	 * {@link #logLength} readings.
	 */
	int countInLog(String component, long from, long to, String text) {
		try (RandomAccessFile file = new RandomAccessFile(log(component).toFile(), "r")) {
			long end = Math.min(to, file.length());
			file.seek(Math.min(from, end));
			byte[] logged = new byte[(int) (end - file.getFilePointer())];
			file.readFully(logged);
			String lines = new String(logged, StandardCharsets.UTF_8);
			int count = 0;
			for (int at = lines.indexOf(text); at >= 0; at = lines.indexOf(text, at + 1)) {
				count++;
			}
			return count;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * SIGKILL, SIGSTOP and SIGCONT are the shell's {@code kill}: Java sends only TERM and
	 * KILL.
	 */
	void signal(long pid, String signal) {
		int exit = Commands
			.run(List.of("kill", "-s", signal, Long.toString(pid)), Duration.ofSeconds(10), Map.of(), null)
			.exit();
		if (exit != 0) {
			throw new IllegalStateException("kill -s " + signal + " " + pid + " failed with " + exit);
		}
	}

	boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/** The state letter of /proc/PID/stat: R running, S sleeping, T stopped, ... */
	char state(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2);
		}
		catch (IOException ex) {
			return '?';
		}
	}

	void awaitExit(long pid, Duration atMost) throws InterruptedException {
		long giveUpAt = System.nanoTime() + atMost.toNanos();
		while (alive(pid)) {
			if (System.nanoTime() > giveUpAt) {
				throw new IllegalStateException("process " + pid + " still runs after " + atMost.toSeconds() + "s");
			}
			Thread.sleep(100);
		}
	}

	/**
	 * Stops a service as {@code ./stack down} does: SIGTERM, so that it shuts down
	 * gracefully and its Kafka consumer leaves its group at once.
	 */
	void stop(String component) throws InterruptedException {
		long pid = pid(component);
		signal(pid, "TERM");
		try {
			awaitExit(pid, Duration.ofSeconds(60));
		}
		catch (IllegalStateException ex) {
			signal(pid, "KILL");
			awaitExit(pid, Duration.ofSeconds(10));
		}
	}

	/** {@code ./stack up}: starts what is not running and waits until all is ready. */
	void up() {
		up(Map.of());
	}

	/**
	 * {@code ./stack up} with more environment, e.g. {@code KAFKA_THROUGH_PROXY} for the
	 * services it starts.
	 */
	void up(Map<String, String> environment) {
		int exit = Commands.run(List.of("bash", this.script.toString(), "up"), UP_AT_MOST, environment, this.log)
			.exit();
		if (exit != 0) {
			throw new IllegalStateException("./stack up failed with " + exit + "; see " + this.log);
		}
	}

	/**
	 * Runs a command of the machine's own (pg_ctlcluster, say), its output into the
	 * drill's log.
	 */
	Commands.Ran command(List<String> command, Duration atMost) {
		return Commands.run(command, atMost, Map.of(), this.log);
	}

	/** What a short command prints, e.g. {@code pg_lsclusters -h}; it must succeed. */
	static String output(List<String> command) {
		Commands.Ran ran = Commands.run(command, Duration.ofSeconds(30), Map.of(), null);
		if (!ran.succeeded()) {
			throw new IllegalStateException(
					String.join(" ", command) + " failed with " + ran.exit() + ": " + ran.output());
		}
		return ran.output();
	}

}
