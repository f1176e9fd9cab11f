package com.example.orderflow.loadtest.chaos.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

	/** The component's log, which ./stack keeps next to the run folder. */
	Path log(String component) {
		return this.runFolder.resolveSibling("logs").resolve(component + ".log");
	}

	/**
	 * SIGKILL, SIGSTOP and SIGCONT are the shell's {@code kill}: Java sends only TERM and
	 * KILL.
	 */
	void signal(long pid, String signal) {
		int exit = run(List.of("kill", "-s", signal, Long.toString(pid)), Duration.ofSeconds(10), null);
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
		int exit = run(List.of("bash", this.script.toString(), "up"), UP_AT_MOST, this.log);
		if (exit != 0) {
			throw new IllegalStateException("./stack up failed with " + exit + "; see " + this.log);
		}
	}

	private static int run(List<String> command, Duration atMost, Path output) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			if (output != null) {
				Files.createDirectories(output.getParent());
				builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
			}
			else {
				builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			}
			Process process = builder.start();
			if (!process.waitFor(atMost.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish in " + atMost);
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			throw new IllegalStateException(String.join(" ", command) + " cannot run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
