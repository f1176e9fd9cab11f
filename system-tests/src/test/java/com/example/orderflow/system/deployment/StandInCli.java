package com.example.orderflow.system.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.example.orderflow.system.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stand-in for a tool the chaos scripts drive (docker, kubectl;
 * src/test/resources/chaos), first on the PATH of the scripts' steps, which run here as
 * the drill tool runs them: {@code sh -c}, with the drill's folder in
 * {@code CHAOS_STATE}. The stand-in keeps what it simulates under {@link #state()}
 * ({@code FAKE_<TOOL>} tells it where) and logs every call.
 */
final class StandInCli {

	private final Path folder;

	private final String tool;

	StandInCli(Path folder, String tool) throws IOException {
		this.folder = folder;
		this.tool = tool;
		Files.createDirectories(folder.resolve("bin"));
		Files.createDirectories(folder.resolve("drill"));
		Files.createDirectories(state());
		Path executable = folder.resolve("bin").resolve(tool);
		Files.copy(source(tool), executable);
		assertThat(executable.toFile().setExecutable(true)).isTrue();
	}

	/** The stand-in's script, kept with the tests' resources. */
	static Path source(String tool) {
		return ServiceFacts.ROOT.resolve("system-tests/src/test/resources/chaos").resolve(tool);
	}

	/** Where the stand-in keeps the containers or pods it simulates. */
	Path state() {
		return this.folder.resolve("state");
	}

	/** Every command line the stand-in was called with, in order. */
	List<String> calls() throws IOException {
		Path calls = state().resolve("calls");
		return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
	}

	/** {@code SCRIPT step STEP DRILL}, as the drill tool runs it. */
	CommandLine.Result step(Path script, String step, String drill) {
		String command = "CHAOS_STATE='" + this.folder.resolve("drill") + "' '" + script + "' step " + step + " "
				+ drill;
		ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
		builder.environment().put("PATH", this.folder.resolve("bin") + ":" + System.getenv("PATH"));
		builder.environment().put("FAKE_" + this.tool.toUpperCase(Locale.ROOT), state().toString());
		try {
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
			return new CommandLine.Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
