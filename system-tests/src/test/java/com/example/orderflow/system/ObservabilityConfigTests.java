package com.example.orderflow.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus configuration and alert rules in observability/, checked by Prometheus's
 * own promtool ({@code ./stack test} installs Debian's prometheus package where it is
 * missing): the configuration and the rules are valid, and the rules' unit tests pass, so
 * an alert fires on the series it is meant for and stays quiet on the others.
 */
class ObservabilityConfigTests {

	private static final Path PROMETHEUS = Path.of(System.getProperty("orderflow.root", ".."))
		.resolve("observability/prometheus")
		.toAbsolutePath()
		.normalize();

	@Test
	void thePrometheusConfigurationIsValid() {
		assertThat(promtool(PROMETHEUS, "check", "config", "prometheus.yml")).contains("SUCCESS");
	}

	@Test
	void theAlertRulesAreValid() {
		List<String> command = new ArrayList<>(List.of("check", "rules"));
		command.addAll(files("rules"));
		assertThat(promtool(PROMETHEUS, command.toArray(String[]::new))).contains("SUCCESS").doesNotContain("FAILED");
	}

	@Test
	void theAlertRulesPassTheirUnitTests() {
		for (String test : files("tests")) {
			assertThat(promtool(PROMETHEUS.resolve("tests"), "test", "rules", Path.of(test).getFileName().toString()))
				.as(test)
				.contains("SUCCESS");
		}
	}

	private static List<String> files(String folder) {
		try (Stream<Path> paths = Files.list(PROMETHEUS.resolve(folder))) {
			List<String> files = paths.filter((path) -> path.toString().endsWith(".yml"))
				.map((path) -> PROMETHEUS.relativize(path).toString())
				.sorted()
				.toList();
			assertThat(files).as("files in %s", folder).isNotEmpty();
			return files;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs promtool in {@code directory}; fails the test with its output if it fails. */
	private static String promtool(Path directory, String... arguments) {
		List<String> command = new ArrayList<>(List.of("promtool"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
			assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", arguments), output).isZero();
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"promtool is not installed: ./stack test installs Debian's prometheus package", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
