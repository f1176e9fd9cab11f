package com.example.orderflow.system.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.orderflow.system.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, which cannot run here (no Docker engine): validated against the
 * Compose Specification's JSON schema and lint rules by dclint (pinned in
 * system-tests/compose-check), and checked against what the services read, listen on and
 * are built from.
 */
class DockerComposeTests {

	private static final Path COMPOSE = ServiceFacts.ROOT.resolve("docker-compose.yml");

	private static final Path WORK = ServiceFacts.ROOT.resolve("system-tests/target/compose-check");

	private static Map<String, Map<String, Object>> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readCompose() throws IOException {
		// SnakeYAML resolves the file's anchors and merge keys as Compose does
		Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
		services = (Map<String, Map<String, Object>>) compose.get("services");
	}

	@Test
	void passesTheComposeSpecificationSchemaAndLintRules() throws IOException {
		Path work = dclint();
		assertThat(CommandLine.run(work, "node_modules/.bin/dclint", "-c", ".dclintrc.yml", "--max-warnings", "0",
				COMPOSE.toString()))
			.doesNotContain("error");
	}

	@Test
	void theValidatorRejectsAKeyTheSpecificationDoesNotHave() throws IOException {
		Path work = dclint();
		Path broken = work.resolve("docker-compose.broken.yml");
		Files.writeString(broken, Files.readString(COMPOSE).replace("    mem_limit: 768m", "    mem_limitt: 768m"));
		CommandLine.Result result = CommandLine.attempt(work, "node_modules/.bin/dclint", "-c", ".dclintrc.yml",
				broken.toString());
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("invalid-schema");
	}

	@Test
	void buildsTheFiveServicesFromThisRepositoryAsImagesNamedAfterThem() {
		String version = projectVersion();
		for (String service : ServiceFacts.SERVICES) {
			Map<String, Object> definition = service(service);
			assertThat(definition.get("image")).as(service).isEqualTo("orderflow/" + service + ":" + version);
			Map<?, ?> build = (Map<?, ?>) definition.get("build");
			assertThat(build.get("context")).as(service).isEqualTo(".");
			assertThat(((Map<?, ?>) build.get("args")).get("SERVICE")).as(service).isEqualTo(service);
			assertThat(ServiceFacts.ROOT.resolve("Dockerfile")).exists();
			assertThat(ServiceFacts.ROOT.resolve(service).resolve("pom.xml")).exists();
		}
		Map<?, ?> collector = (Map<?, ?>) service("otel-collector").get("build");
		assertThat(ServiceFacts.ROOT.resolve((String) collector.get("context"))
			.resolve((String) collector.get("dockerfile"))).exists();
	}

	@Test
	void setsOnlyVariablesTheServicesReadAndPointsThemAtTheRightPlaces() {
		for (String service : ServiceFacts.SERVICES) {
			Map<String, String> environment = environment(service);
			assertThat(environment.keySet()).as(service)
				.allSatisfy((variable) -> assertThat(ServiceFacts.reads(service, variable))
					.as("%s reads %s", service, variable)
					.isTrue());
			assertThat(environment).as(service).containsEntry("OTEL_SERVICE_NAME", service);
			assertThat(environment.get("JAVA_TOOL_OPTIONS")).as(service)
				.contains("-javaagent:/otel/opentelemetry-javaagent.jar")
				.contains("-Dotel.javaagent.configuration-file=/otel/javaagent.properties");
			String database = ServiceFacts.database(service);
			if (database != null) {
				assertThat(environment).as(service)
					.containsEntry("DB_URL", "jdbc:postgresql://postgres:5432/" + database)
					.containsEntry("DB_USER", database)
					.containsEntry("KAFKA_BOOTSTRAP", "kafka:9092");
			}
			// a URL to another service names that service and the port it listens on
			environment.forEach((variable, value) -> {
				Matcher url = Pattern.compile("http://([a-z-]+):(\\d+)").matcher(value);
				if (variable.endsWith("_URL") && url.matches() && ServiceFacts.SERVICES.contains(url.group(1))) {
					assertThat(Integer.parseInt(url.group(2))).as(variable).isEqualTo(ServiceFacts.port(url.group(1)));
				}
			});
		}
	}

	@Test
	void keepsSecretsOutOfTheFileAndInTheUsersEnvironment() {
		for (String name : services.keySet()) {
			environment(name).forEach((variable, value) -> {
				if (variable.contains("PASSWORD") || variable.contains("SECRET") || variable.contains("TOKEN")) {
					assertThat(value).as("%s of %s", variable, name).matches("\\$\\{[A-Z_]+:\\?.+}");
				}
			});
		}
	}

	@Test
	void startsInOrderOnHealthChecksWithinMemoryLimits() {
		long totalMegabytes = 0;
		for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
			String name = entry.getKey();
			Map<String, Object> definition = entry.getValue();
			assertThat(definition).as(name).containsKeys("healthcheck", "mem_limit", "restart");
			Map<?, ?> dependencies = (Map<?, ?>) definition.getOrDefault("depends_on", Map.of());
			dependencies.forEach((dependency, condition) -> {
				assertThat(services).as("%s depends on %s", name, dependency).containsKey((String) dependency);
				assertThat(((Map<?, ?>) condition).get("condition")).as("%s waits for %s", name, dependency)
					.isEqualTo("service_healthy");
			});
			totalMegabytes += megabytes((String) definition.get("mem_limit"));
		}
		for (String service : ServiceFacts.SERVICES) {
			List<?> test = (List<?>) ((Map<?, ?>) service(service).get("healthcheck")).get("test");
			assertThat(test).as(service)
				.last()
				.isEqualTo("http://127.0.0.1:" + ServiceFacts.port(service) + ServiceFacts.READINESS_PATH);
			assertThat(ServiceFacts.exposesProbes(service)).as(service).isTrue();
		}
		// what the README promises
		assertThat(totalMegabytes).isLessThanOrEqualTo(4500);
	}

	@Test
	void runsTheSameKafkaAndPaymentProviderVersionsAsTheLocalStackAndMountsFilesThatExist() throws IOException {
		String kafka = property(Files.readString(ServiceFacts.ROOT.resolve("scripts/kafka/pom.xml")), "kafka.version");
		assertThat(service("kafka").get("image")).isEqualTo("apache/kafka:" + kafka);
		String wiremock = property(Files.readString(ServiceFacts.ROOT.resolve("pom.xml")), "wiremock.version");
		assertThat(service("payment-provider").get("image")).isEqualTo("wiremock/wiremock:" + wiremock + "-alpine");
		for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
			for (Object volume : (List<?>) entry.getValue().getOrDefault("volumes", List.of())) {
				String source = ((String) volume).split(":")[0];
				if (source.startsWith("./")) {
					assertThat(ServiceFacts.ROOT.resolve(source)).as("%s mounts %s", entry.getKey(), source).exists();
				}
			}
		}
	}

	@Test
	void prometheusScrapesEveryServiceByItsNameAndPort() throws IOException {
		String prometheus = Files
			.readString(ServiceFacts.ROOT.resolve("observability/prometheus/prometheus.compose.yml"));
		List<String> targets = new ArrayList<>();
		Matcher target = Pattern.compile("targets: \\[\"([^\"]+)\"]").matcher(prometheus);
		while (target.find()) {
			targets.add(target.group(1));
		}
		assertThat(targets).containsExactlyInAnyOrderElementsOf(
				ServiceFacts.SERVICES.stream().map((service) -> service + ":" + ServiceFacts.port(service)).toList());
	}

	private static Map<String, Object> service(String name) {
		assertThat(services).containsKey(name);
		return services.get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environment(String name) {
		Map<String, Object> environment = (Map<String, Object>) service(name).getOrDefault("environment", Map.of());
		Map<String, String> values = new LinkedHashMap<>();
		environment.forEach((variable, value) -> values.put(variable, String.valueOf(value)));
		return values;
	}

	private static long megabytes(String limit) {
		Matcher matcher = Pattern.compile("(\\d+)([mg])").matcher(limit);
		assertThat(matcher.matches()).as(limit).isTrue();
		long value = Long.parseLong(matcher.group(1));
		return matcher.group(2).equals("g") ? value * 1024 : value;
	}

	private static String projectVersion() {
		try {
			Matcher version = Pattern.compile("<artifactId>orderflow</artifactId>\\s*<version>([^<]+)</version>")
				.matcher(Files.readString(ServiceFacts.ROOT.resolve("pom.xml")));
			assertThat(version.find()).isTrue();
			return version.group(1).replace("-SNAPSHOT", "");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String property(String pom, String name) {
		Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">")
			.matcher(pom);
		assertThat(matcher.find()).as(name).isTrue();
		return matcher.group(1);
	}

	/**
	 * dclint, installed from the pinned lock file into target/; ChaosComposeTests lints
	 * chaos/compose.ports.yml with it too.
	 */
	static Path dclint() throws IOException {
		Path check = ServiceFacts.ROOT.resolve("system-tests/compose-check");
		Files.createDirectories(WORK);
		for (String file : List.of("package.json", "package-lock.json", ".dclintrc.yml")) {
			Files.copy(check.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.exists(WORK.resolve("node_modules/.bin/dclint"))) {
			CommandLine.run(WORK, "npm", "ci", "--no-audit", "--no-fund");
		}
		return WORK;
	}

}
