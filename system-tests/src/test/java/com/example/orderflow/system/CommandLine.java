package com.example.orderflow.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the third-party validators the tests rely on (promtool, npm tools, kubectl), with
 * their output in the failure message.
 */
public final class CommandLine {

	private CommandLine() {
	}

	/** Runs a tool in {@code directory}; fails the test with its output if it fails. */
	public static String run(Path directory, String... command) {
		Result result = attempt(directory, command);
		assertThat(result.exitCode()).as("%s:%n%s", String.join(" ", command), result.output()).isZero();
		return result.output();
	}

	/** Runs a tool whose failure is what the test expects, or not. */
	public static Result attempt(Path directory, String... command) {
		try {
			Process process = new ProcessBuilder(List.of(command)).directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command[0]).isTrue();
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(command[0]
					+ " cannot run: ./stack test installs the validators where they are missing (npm comes with Node.js)",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Result(int exitCode, String output) {
	}

}
