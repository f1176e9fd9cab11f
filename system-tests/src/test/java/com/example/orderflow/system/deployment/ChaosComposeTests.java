package com.example.orderflow.system.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.orderflow.system.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chaos/compose} and {@code chaos/compose.ports.yml}, the chaos drills against
 * docker compose: the override validated by dclint as docker-compose.yml is, and checked
 * against it, against what the services listen on and read, and against the script; the
 * script's fault, heal and evidence steps run against a stand-in for the docker CLI
 * (src/test/resources/chaos/docker), as no Docker engine runs here.
 */
class ChaosComposeTests {

	private static final Path COMPOSE = ServiceFacts.ROOT.resolve("docker-compose.yml");

	private static final Path OVERRIDE = ServiceFacts.ROOT.resolve("chaos/compose.ports.yml");

	private static final Path SCRIPT = ServiceFacts.ROOT.resolve("chaos/compose");

	private static final Pattern LOOPBACK_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+):(\\d+)");

	/**
	 * One line of {@code chaos/compose list}: drill, compose service, default seconds,
	 * what happens.
	 */
	private static final Pattern LISTED = Pattern.compile("^  (\\S+)\\s+(\\S+)\\s+(\\d+) s  (.+)$");

	private static Map<String, Object> base;

	private static Map<String, Object> override;

	@BeforeAll
	static void readComposeFiles() throws IOException {
		// SnakeYAML resolves the anchors and merge keys as Compose does
		base = new Yaml().load(Files.readString(COMPOSE));
		override = new Yaml().load(Files.readString(OVERRIDE));
	}

	@Test
	void theOverridePassesTheComposeSpecificationSchemaAndLintRules() throws IOException {
		Path work = DockerComposeTests.dclint();
		assertThat(CommandLine.run(work, "node_modules/.bin/dclint", "-c", ".dclintrc.yml", "--max-warnings", "0",
				OVERRIDE.toString()))
			.doesNotContain("error");
	}

	@Test
	void theOverrideAddsPortsNetworksAndKafkaAddressesToTheSameProjectAndNothingElse() {
		assertThat(override.get("name")).as("the containers of docker-compose.yml, not a second project")
			.isEqualTo(base.get("name"));
		assertThat(services(base).keySet()).containsAll(services(override).keySet());
		services(override).forEach((name, definition) -> {
			assertThat(definition.keySet()).as(name).isSubsetOf("environment", "ports", "networks");
			Set<String> variables = environment(override, name).keySet();
			if (ServiceFacts.SERVICES.contains(name)) {
				assertThat(variables).as(name)
					.allSatisfy((variable) -> assertThat(ServiceFacts.reads(name, variable))
						.as("%s reads %s", name, variable)
						.isTrue());
			}
			else {
				assertThat(environment(base, name).keySet()).as("%s: settings the override changes", name)
					.containsAll(variables);
			}
		});
	}

	@Test
	void publishesWhatTheAuditorReadsOnLoopbackAndTheScriptUsesThosePorts() {
		services(override).forEach((name, definition) -> {
			for (Object port : (List<?>) definition.getOrDefault("ports", List.of())) {
				assertThat(LOOPBACK_PORT.matcher((String) port).matches())
					.as("%s publishes %s on 127.0.0.1 only", name, port)
					.isTrue();
			}
		});
		Map<String, String> options = urls();
		Map<String, String> serviceOfOption = Map.of("gateway", "gateway", "order-service", "order-service",
				"inventory-service", "inventory-service", "payment-service", "payment-service", "orchestrator",
				"saga-orchestrator");
		serviceOfOption.forEach((option, service) -> {
			int port = ServiceFacts.port(service);
			Map<Integer, Integer> published = published(service);
			assertThat(published).as("%s's port %d, published by docker-compose.yml or the override", service, port)
				.containsKey(port);
			assertThat(options.get(option)).as("--%s", option).isEqualTo("http://127.0.0.1:" + published.get(port));
			assertThat(published.get(port)).as("%s at the port ./stack gives it too", service).isEqualTo(port);
		});
		assertThat(options.get("payment-provider")).as("WireMock's admin API")
			.isEqualTo("http://127.0.0.1:" + published("payment-provider").get(8080));
		assertThat(options.get("kafka")).as("the listener Kafka advertises to the host")
			.isEqualTo(hostListener().advertised());
	}

	@Test
	void kafkaAdvertisesAHostListenerAndServesTheServicesOnANetworkOfItsOwn() {
		Map<String, String> kafka = environment(override, "kafka");
		Map<String, String> listeners = listeners(kafka.get("KAFKA_LISTENERS"));
		Map<String, String> advertised = listeners(kafka.get("KAFKA_ADVERTISED_LISTENERS"));
		Map<String, String> protocols = listeners(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"));
		assertThat(listeners.keySet()).as("every listener of docker-compose.yml is kept")
			.containsAll(listeners(environment(base, "kafka").get("KAFKA_LISTENERS")).keySet());
		assertThat(protocols.keySet()).as("every listener has a protocol").containsAll(listeners.keySet());
		assertThat(listeners.keySet()).as("every advertised listener exists").containsAll(advertised.keySet());

		Listener host = hostListener();
		String bind = listeners.get(host.name());
		int containerPort = Integer.parseInt(bind.substring(bind.lastIndexOf(':') + 1));
		int advertisedPort = Integer.parseInt(host.advertised().substring(host.advertised().lastIndexOf(':') + 1));
		assertThat(published("kafka")).as("the host listener is published where it says it is")
			.containsEntry(containerPort, advertisedPort);

		// the services' listener: advertised under a name only the Kafka network resolves
		String plain = advertised.get("PLAINTEXT");
		String alias = plain.substring(0, plain.lastIndexOf(':'));
		Map<String, Object> kafkaNetworks = networks("kafka");
		assertThat(kafkaNetworks).as("the controller quorum (kafka:9093) stays on the default network")
			.containsKey("default");
		assertThat(kafkaNetworks.get("kafka")).as("Kafka's aliases on its own network")
			.isEqualTo(Map.of("aliases", List.of(alias)));
		for (String service : ServiceFacts.SERVICES) {
			if (!ServiceFacts.placeholders(service).contains("KAFKA_BOOTSTRAP")) {
				continue;
			}
			assertThat(environment(override, service)).as("%s bootstraps where only the Kafka network leads", service)
				.containsEntry("KAFKA_BOOTSTRAP", plain);
			assertThat(networks(service).keySet()).as(service).containsExactlyInAnyOrder("default", "kafka");
		}
		Map<?, ?> network = (Map<?, ?>) ((Map<?, ?>) override.get("networks")).get("kafka");
		assertThat(scriptVariable("KAFKA_NETWORK")).as("the network chaos/compose disconnects from")
			.isEqualTo(network.get("name"));
	}

	@Test
	void theScriptActsOnServicesDockerComposeRuns() {
		Map<String, String> serviceOfDrill = new LinkedHashMap<>();
		for (String line : CommandLine.run(ServiceFacts.ROOT, SCRIPT.toString(), "list").split("\n")) {
			Matcher listed = LISTED.matcher(line);
			if (listed.matches()) {
				serviceOfDrill.put(listed.group(1), listed.group(2));
			}
		}
		assertThat(serviceOfDrill).as("the drills of issue 7")
			.containsEntry("kill-orchestrator", "saga-orchestrator")
			.containsEntry("kill-payment", "payment-service")
			.containsEntry("kill-inventory", "inventory-service")
			.containsEntry("kill-order", "order-service")
			.containsEntry("pause-inventory", "inventory-service")
			.containsEntry("restart-kafka", "kafka")
			.containsEntry("restart-postgres", "postgres")
			.containsEntry("psp-slow", "payment-provider")
			.containsEntry("psp-down", "payment-provider");
		assertThat(serviceOfDrill.values()).allSatisfy((service) -> assertThat(services(base)).containsKey(service));
		assertThat(networks(serviceOfDrill.get("cut-kafka"))).as("cut-kafka cuts a service off the Kafka network")
			.containsKey("kafka");

		CommandLine.Result unknown = CommandLine.attempt(ServiceFacts.ROOT, SCRIPT.toString(), "kill-everything");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.output()).contains("No drill named kill-everything");
	}

	@Test
	void theScriptPassesBashAndShellcheck() {
		CommandLine.run(ServiceFacts.ROOT, "bash", "-n", SCRIPT.toString());
		CommandLine.run(ServiceFacts.ROOT, "shellcheck", SCRIPT.toString(), StandInCli.source("docker").toString());
		assertThat(SCRIPT.toFile().canExecute()).isTrue();
	}

	@Test
	void killKeepsTheContainerDeadUntilHealedAndProvesItDied(@TempDir Path temp) throws IOException {
		FakeDocker docker = new FakeDocker(temp);
		docker.container("payment-service", "unless-stopped", "");

		assertThat(docker.step("inject", "kill-payment").exitCode()).isZero();
		assertThat(docker.state("payment-service", "status"))
			.as("dead for --fault-for: Docker's restart policy is held off")
			.isEqualTo("exited");
		assertThat(docker.calls()).containsSubsequence("update --restart=no c-payment-service",
				"kill --signal KILL c-payment-service");

		assertThat(docker.step("heal", "kill-payment").exitCode()).isZero();
		assertThat(docker.state("payment-service", "status")).isEqualTo("running");
		assertThat(docker.state("payment-service", "policy")).as("the restart policy put back")
			.isEqualTo("unless-stopped");
		assertThat(docker.calls()).last()
			.asString()
			.as("healed by compose, never recreating a container")
			.contains("up --detach --no-recreate --no-build --wait");

		CommandLine.Result evidence = docker.step("evidence", "kill-payment");
		assertThat(evidence.exitCode()).as(evidence.output()).isZero();
		assertThat(evidence.output()).contains("exited with code 137", "running");
	}

	@Test
	void pauseFreezesTheSameProcessAndIsProvenOnlyWhenTheGroupDroppedIt(@TempDir Path temp) throws IOException {
		FakeDocker docker = new FakeDocker(temp);
		docker.container("inventory-service", "unless-stopped", "ConsumerCoordinator: partitions lost: [x-0]");
		assertThat(docker.step("inject", "pause-inventory").exitCode()).isZero();
		assertThat(docker.state("inventory-service", "status")).isEqualTo("paused");
		assertThat(docker.step("heal", "pause-inventory").exitCode()).isZero();
		assertThat(docker.state("inventory-service", "status")).isEqualTo("running");
		CommandLine.Result evidence = docker.step("evidence", "pause-inventory");
		assertThat(evidence.exitCode()).as(evidence.output()).isZero();

		FakeDocker tooShort = new FakeDocker(temp.resolve("too-short"));
		tooShort.container("inventory-service", "unless-stopped", "nothing happened");
		tooShort.step("inject", "pause-inventory");
		tooShort.step("heal", "pause-inventory");
		CommandLine.Result unproven = tooShort.step("evidence", "pause-inventory");
		assertThat(unproven.exitCode()).as("paused, but not past the session timeout").isNotZero();
		assertThat(unproven.output()).contains("did NOT drop the consumer");
	}

	@Test
	void cutKafkaTakesTheServiceOffKafkasNetworkOnlyAndPutsItBack(@TempDir Path temp) throws IOException {
		FakeDocker docker = new FakeDocker(temp);
		String network = scriptVariable("KAFKA_NETWORK");
		docker.container("payment-service", "unless-stopped", "");
		assertThat(docker.step("inject", "cut-kafka").exitCode()).isZero();
		assertThat(docker.state("payment-service", "networks")).isEqualTo("orderflow_default");
		assertThat(docker.step("heal", "cut-kafka").exitCode()).isZero();
		assertThat(docker.state("payment-service", "networks")).isEqualTo("orderflow_default " + network);
		CommandLine.Result evidence = docker.step("evidence", "cut-kafka");
		assertThat(evidence.exitCode()).as(evidence.output()).isZero();
	}

	/**
	 * Containers kept as files for the stand-in docker CLI, and the steps run against
	 * them.
	 */
	private static final class FakeDocker {

		private final StandInCli docker;

		FakeDocker(Path folder) throws IOException {
			this.docker = new StandInCli(folder, "docker");
		}

		void container(String service, String restartPolicy, String log) throws IOException {
			Path container = this.docker.state().resolve("c-" + service);
			Files.createDirectories(container);
			Map<String, String> files = Map.of("status", "running", "pid", "1000", "started", "2030-01-01T00:00:00Z",
					"policy", restartPolicy, "networks", "orderflow_default " + scriptVariable("KAFKA_NETWORK") + " ",
					"log", log);
			for (Map.Entry<String, String> file : files.entrySet()) {
				Files.writeString(container.resolve(file.getKey()), file.getValue() + "\n");
			}
		}

		String state(String service, String file) throws IOException {
			return Files.readString(this.docker.state().resolve("c-" + service).resolve(file)).strip();
		}

		List<String> calls() throws IOException {
			return this.docker.calls();
		}

		CommandLine.Result step(String step, String drill) {
			return this.docker.step(SCRIPT, step, drill);
		}

	}

	private record Listener(String name, String advertised) {
	}

	/** The listener Kafka advertises on the host's loopback address. */
	private static Listener hostListener() {
		Map<String, String> advertised = listeners(environment(override, "kafka").get("KAFKA_ADVERTISED_LISTENERS"));
		return advertised.entrySet()
			.stream()
			.filter((listener) -> listener.getValue().startsWith("127.0.0.1:"))
			.map((listener) -> new Listener(listener.getKey(), listener.getValue()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Kafka advertises no listener on 127.0.0.1"));
	}

	/**
	 * {@code NAME://host:port,...} (or {@code NAME:PROTOCOL,...}) as name to the rest.
	 */
	private static Map<String, String> listeners(String setting) {
		Map<String, String> listeners = new LinkedHashMap<>();
		for (String listener : setting.split(",")) {
			String[] parts = listener.split(":(//)?", 2);
			listeners.put(parts[0], parts[1]);
		}
		return listeners;
	}

	/** Container port to host port, of what either file publishes for the service. */
	private static Map<Integer, Integer> published(String service) {
		List<Object> ports = new ArrayList<>();
		for (Map<String, Object> file : List.of(base, override)) {
			Map<String, Object> definition = services(file).get(service);
			if (definition != null) {
				ports.addAll((List<?>) definition.getOrDefault("ports", List.of()));
			}
		}
		Map<Integer, Integer> published = new LinkedHashMap<>();
		for (Object port : ports) {
			Matcher matcher = LOOPBACK_PORT.matcher((String) port);
			assertThat(matcher.matches()).as("%s publishes %s on 127.0.0.1 only", service, port).isTrue();
			published.put(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(1)));
		}
		return published;
	}

	/** {@code chaos/compose urls}: the options it gives ./stack chaos. */
	private static Map<String, String> urls() {
		String[] words = CommandLine.run(ServiceFacts.ROOT, SCRIPT.toString(), "urls").strip().split("\\s+");
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < words.length; i += 2) {
			assertThat(words[i]).startsWith("--");
			options.put(words[i].substring(2), words[i + 1]);
		}
		return options;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services(Map<String, Object> file) {
		return (Map<String, Map<String, Object>>) file.get("services");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environment(Map<String, Object> file, String service) {
		Map<String, String> values = new LinkedHashMap<>();
		((Map<String, Object>) services(file).get(service).getOrDefault("environment", Map.of()))
			.forEach((variable, value) -> values.put(variable, String.valueOf(value)));
		return values;
	}

	/** The override's networks of a service, in either of Compose's two forms. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> networks(String service) {
		Object networks = services(override).get(service).get("networks");
		if (networks instanceof List<?> names) {
			Map<String, Object> byName = new LinkedHashMap<>();
			names.forEach((name) -> byName.put((String) name, Map.of()));
			return byName;
		}
		return (networks != null) ? (Map<String, Object>) networks : Map.of();
	}

	/** A variable the script sets at its top, as written. */
	private static String scriptVariable(String name) {
		Matcher matcher = Pattern.compile("^" + name + "=\"?(.+?)\"?$", Pattern.MULTILINE)
			.matcher(ServiceFacts.read(SCRIPT));
		assertThat(matcher.find()).as("chaos/compose sets %s", name).isTrue();
		return matcher.group(1);
	}

}
