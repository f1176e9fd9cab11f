package com.example.orderflow.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The README's {@code ./stack}, run as a user runs it, on its own ports, state folder and
 * databases so it never touches a developer's running stack: a real Kafka broker process,
 * the local PostgreSQL server and every service as its own JVM.
 */
final class LocalStack implements AutoCloseable {

	private final Path root = Path.of(System.getProperty("orderflow.root", "..")).toAbsolutePath().normalize();

	private final Path state = this.root.resolve("system-tests/target/e2e-stack");

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final Thread cleanup = new Thread(() -> run(List.of("down"), false));

	LocalStack() {
		this.environment.put("STACK_DIR", this.state.toString());
		this.environment.put("DB_PREFIX", "e2e_");
		for (String port : List.of("GATEWAY_PORT", "ORDER_PORT", "INVENTORY_PORT", "PAYMENT_PORT", "ORCHESTRATOR_PORT",
				"KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "PSP_PORT", "PROMETHEUS_PORT")) {
			this.environment.put(port, Integer.toString(freePort()));
		}
		this.environment.put("SERVICE_HEAP", "192m");
		this.environment.put("KAFKA_HEAP", "384m");
		this.environment.put("SAGA_STEP_TIMEOUT", "10s");
	}

	/**
	 * Has every service's OpenTelemetry agent export its spans to this OTLP/HTTP
	 * endpoint, in small delays so a test need not wait long, and log each message it
	 * processes.
	 */
	LocalStack exportingTracesTo(String otlpEndpoint) {
		this.environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
		this.environment.put("OTEL_BSP_SCHEDULE_DELAY", "200");
		this.environment.put("LOGGING_LEVEL_COM_EXAMPLE_ORDERFLOW_MESSAGING", "DEBUG");
		return this;
	}

	/** What a component wrote to its log so far. */
	String log(String component) {
		try {
			return Files.readString(this.state.resolve("logs").resolve(component + ".log"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(component + " has no log", ex);
		}
	}

	/** Starts from empty databases and an empty broker. */
	LocalStack up() {
		Runtime.getRuntime().addShutdownHook(this.cleanup);
		run(List.of("reset"), true);
		run(List.of("up"), true);
		return this;
	}

	/** {@code ./stack up} again: starts only what is not running. */
	void upAgain() {
		run(List.of("up"), true);
	}

	String gatewayUrl() {
		return "http://127.0.0.1:" + this.environment.get("GATEWAY_PORT");
	}

	/**
	 * A service's own URL, by the port variable ./stack reads for it, e.g. ORDER_PORT.
	 */
	String url(String portVariable) {
		return "http://127.0.0.1:" + this.environment.get(portVariable);
	}

	String kafkaBootstrap() {
		return "127.0.0.1:" + this.environment.get("KAFKA_PORT");
	}

	/** Prometheus, which ./stack up starts where Debian's package is installed. */
	String prometheusUrl() {
		return "http://127.0.0.1:" + this.environment.get("PROMETHEUS_PORT");
	}

	long pid(String component) {
		try {
			return Long.parseLong(Files.readString(this.state.resolve("run").resolve(component + ".pid")).trim());
		}
		catch (IOException ex) {
			throw new IllegalStateException(component + " has no pid file", ex);
		}
	}

	/** SIGKILL: no shutdown hooks, no draining, like a crashed host. */
	void kill(String component) {
		ProcessHandle.of(pid(component)).ifPresent((process) -> {
			process.destroyForcibly();
			process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
		});
	}

	@Override
	public void close() {
		run(List.of("reset"), false);
		Runtime.getRuntime().removeShutdownHook(this.cleanup);
	}

	private void run(List<String> arguments, boolean mustSucceed) {
		List<String> command = new java.util.ArrayList<>(List.of("bash", this.root.resolve("stack").toString()));
		command.addAll(arguments);
		try {
			Files.createDirectories(this.state);
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.state.resolve("stack-command.log").toFile()));
			builder.environment().putAll(this.environment);
			Process process = builder.start();
			if (!process.waitFor(10, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("./stack " + arguments + " did not finish");
			}
			if (mustSucceed && process.exitValue() != 0) {
				throw new IllegalStateException("./stack " + arguments + " failed with " + process.exitValue()
						+ "; see " + this.state.resolve("stack-command.log") + " and " + this.state.resolve("logs"));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
