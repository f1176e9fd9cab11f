package com.example.orderflow.loadtest.chaos.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the machine's own commands for the faults (kill, ./stack up, pg_ctlcluster, the
 * user's docker or kubectl lines) with a time limit, keeping what they print.
 */
final class Commands {

	/** What a command printed, as far as a report line is concerned. */
	private static final int KEPT_OUTPUT = 4000;

	private Commands() {
	}

	/**
	 * @param environment added to this process's environment
	 * @param log where the output is appended as well, or null
	 */
	static Ran run(List<String> command, Duration atMost, Map<String, String> environment, Path log) {
		String line = String.join(" ", command);
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().putAll(environment);
			Process process = builder.start();
			process.getOutputStream().close();
			CompletableFuture<String> printed = CompletableFuture.supplyAsync(() -> readAll(process));
			if (!process.waitFor(atMost.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(line + " did not finish in " + atMost.toSeconds() + " s");
			}
			String output = printed.join();
			if (log != null) {
				Files.createDirectories(log.getParent());
				Files.writeString(log, "$ " + line + "\n" + output, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			return new Ran(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(line + " cannot run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while " + line + " ran", ex);
		}
	}

	/** A line of the user's shell: {@code sh -c LINE}. */
	static Ran shell(String line, Duration atMost, Path log) {
		return run(List.of("sh", "-c", line), atMost, Map.of(), log);
	}

	private static String readAll(Process process) {
		try {
			return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * A line of the user's shell ({@code sh -c}), run at most once however often it is
	 * asked to: healing runs from the drill and from a shutdown hook.
	 */
	static final class Line {

		private final String text;

		private final Duration atMost;

		private final Path log;

		private final AtomicBoolean started = new AtomicBoolean();

		private volatile Ran ran;

		Line(String text, Duration atMost, Path log) {
			this.text = text;
			this.atMost = atMost;
			this.log = log;
		}

		String text() {
			return this.text;
		}

		Ran run() {
			this.started.set(true);
			this.ran = shell(this.text, this.atMost, this.log);
			return this.ran;
		}

		void runOnce() {
			if (this.started.compareAndSet(false, true)) {
				try {
					this.ran = shell(this.text, this.atMost, this.log);
				}
				catch (IllegalStateException ex) {
					this.ran = new Ran(-1, ex.getMessage());
				}
			}
		}

		boolean started() {
			return this.started.get();
		}

		/** Null until it has run. */
		Ran ran() {
			return this.ran;
		}

		String describe() {
			Ran result = this.ran;
			if (result == null) {
				return "`" + this.text + "` did not run";
			}
			String printed = result.output().isEmpty() ? "" : ", printed: "
					+ result.output().lines().limit(5).reduce((first, second) -> first + " / " + second).orElse("");
			return "`%s` exited %d%s".formatted(this.text, result.exit(), printed);
		}

	}

	/** How a command ended: its exit status and the tail of what it printed. */
	record Ran(int exit, String output) {

		Ran {
			output = output.strip();
			if (output.length() > KEPT_OUTPUT) {
				output = "..." + output.substring(output.length() - KEPT_OUTPUT);
			}
		}

		boolean succeeded() {
			return this.exit == 0;
		}

	}

}
