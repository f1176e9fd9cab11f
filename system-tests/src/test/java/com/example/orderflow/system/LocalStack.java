package com.example.orderflow.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.orderflow.loadtest.ToolsToken;

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
				"KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "KAFKA_PROXIED_PORT", "KAFKA_PROXY_PORT", "PSP_PORT",
				"PROMETHEUS_PORT", "AUTH_PORT")) {
			this.environment.put(port, Integer.toString(freePort()));
		}
		this.environment.put("SERVICE_HEAP", "192m");
		this.environment.put("KAFKA_HEAP", "384m");
		this.environment.put("SAGA_STEP_TIMEOUT", "10s");
	}

	/**
	 * Has every service's OpenTelemetry agent record every trace and export its spans to
	 * this OTLP/HTTP endpoint, in small delays so a test need not wait long, and log each
	 * message it processes.
	 */
	LocalStack exportingTracesTo(String otlpEndpoint) {
		this.environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
		this.environment.put("OTEL_BSP_SCHEDULE_DELAY", "200");
		// every order, not the default tenth: a test follows one order's trace
		this.environment.put("OTEL_TRACES_SAMPLER", "parentbased_always_on");
		this.environment.put("LOGGING_LEVEL_COM_EXAMPLE_ORDERFLOW_MESSAGING", "DEBUG");
		return this;
	}

	/**
	 * Kafka consumers whose session expires after 10 s instead of the default 45 s: a
	 * killed service's partitions move on sooner, and a pause drill outlasts the session
	 * in seconds rather than a minute.
	 */
	LocalStack withShortKafkaSessions() {
		this.environment.put("SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", "10000");
		this.environment.put("SPRING_KAFKA_CONSUMER_PROPERTIES_HEARTBEAT_INTERVAL_MS", "3000");
		return this;
	}

	/**
	 * Services without the OpenTelemetry agent (README, Tracing): a JVM starts several
	 * seconds sooner, which adds up in tests that restart services again and again and
	 * look at no trace.
	 */
	LocalStack withoutTracingAgent() {
		this.environment.put("OTEL_JAVAAGENT_ENABLED", "false");
		return this;
	}

	/**
	 * {@code CHAOS_MONKEY=on}: the services run with the chaos profile, Chaos Monkey
	 * armed with every assault off until the monkey drill switches them on.
	 */
	LocalStack withChaosMonkey() {
		this.environment.put("CHAOS_MONKEY", "on");
		return this;
	}

	/**
	 * {@code ./stack chaos DRILL OPTIONS} against this stack, as a user runs it; its
	 * reports go under the stack's state folder.
	 */
	ChaosRun chaos(String drill, String... options) {
		List<String> arguments = new java.util.ArrayList<>(List.of("chaos", drill));
		arguments.addAll(List.of(options));
		CommandRun run = execute(arguments, Map.of("CHAOS_REPORTS", this.state.resolve("chaos-reports").toString()),
				Duration.ofMinutes(15), this.state.resolve("chaos-" + drill + ".log"));
		Matcher report = Pattern.compile("(?m)^Report: (.+)/report\\.md \\(and").matcher(run.printed());
		return new ChaosRun(run.exitStatus(), run.printed(), report.find() ? Path.of(report.group(1)) : null);
	}

	/**
	 * {@code ./stack ARGS} as a user runs it, e.g. {@code demo}: its exit status and what
	 * it printed (standard output and error).
	 */
	CommandRun command(String... arguments) {
		try {
			Files.createDirectories(this.state);
			return execute(List.of(arguments), Map.of(), Duration.ofMinutes(10),
					Files.createTempFile(this.state, "command-", ".log"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs ./stack with more environment, its output (with errors) kept in a file. */
	private CommandRun execute(List<String> arguments, Map<String, String> environment, Duration timeout, Path output) {
		try {
			Files.createDirectories(this.state);
			ProcessBuilder builder = stack(arguments).redirectErrorStream(true).redirectOutput(output.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"./stack " + String.join(" ", arguments) + " did not finish; see " + output);
			}
			return new CommandRun(process.exitValue(), Files.readString(output));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record CommandRun(int exitStatus, String printed) {

	}

	/**
	 * {@code ./stack token ARGS} as a user runs it: what it printed on standard output,
	 * or an exception with its exit status and error output.
	 */
	String token(String... arguments) {
		List<String> command = new java.util.ArrayList<>(List.of("token"));
		command.addAll(List.of(arguments));
		try {
			Process process = stack(command)
				.redirectError(ProcessBuilder.Redirect.appendTo(this.state.resolve("stack-command.log").toFile()))
				.start();
			String printed = new String(process.getInputStream().readAllBytes()).strip();
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new IllegalStateException("./stack token " + String.join(" ", arguments) + " failed; see "
						+ this.state.resolve("stack-command.log"));
			}
			return printed;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
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

	/** The local issuer (auth-server), as tokens name it. */
	String issuerUrl() {
		return "http://127.0.0.1:" + this.environment.get("AUTH_PORT");
	}

	/**
	 * The folder of the issuer's signing keys, {@code <kid>.pem}: the newest name signs.
	 */
	Path signingKeys() {
		return this.state.resolve("auth/keys");
	}

	/**
	 * The tools client's token (role operator) from the local issuer, with the secret
	 * {@code ./stack up} generated, renewed before it expires.
	 */
	ToolsToken toolsToken() {
		try {
			return new ToolsToken(issuerUrl(), Files.readString(this.state.resolve("auth/tools-secret")).strip());
		}
		catch (IOException ex) {
			throw new IllegalStateException("no tools secret: is the stack up?", ex);
		}
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

	/** The {@code stack} script itself, for commands a test hands to a drill. */
	Path script() {
		return this.root.resolve("stack");
	}

	/** Where ./stack keeps each component's pid file. */
	Path runFolder() {
		return this.state.resolve("run");
	}

	long pid(String component) {
		try {
			return Long.parseLong(Files.readString(runFolder().resolve(component + ".pid")).trim());
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

	/**
	 * {@code ./stack ARGUMENTS} from the repository's root, with this stack's
	 * environment.
	 */
	private ProcessBuilder stack(List<String> arguments) {
		List<String> command = new java.util.ArrayList<>(List.of("bash", script().toString()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile());
		builder.environment().putAll(this.environment);
		return builder;
	}

	private void run(List<String> arguments, boolean mustSucceed) {
		try {
			Files.createDirectories(this.state);
			Process process = stack(arguments).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.state.resolve("stack-command.log").toFile()))
				.start();
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

	/**
	 * @param reportFolder where report.md, report.json and report.html are; null when the
	 * command printed no report
	 */
	record ChaosRun(int exitCode, String output, Path reportFolder) {

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
