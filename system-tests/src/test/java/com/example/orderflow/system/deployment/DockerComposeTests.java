package com.example.orderflow.system.deployment;

import java.io.IOException;
import java.net.URI;
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
	void buildsTheServicesAndTheIssuerFromThisRepositoryAsImagesNamedAfterThem() {
		String version = projectVersion();
		for (String application : ServiceFacts.APPLICATIONS) {
			Map<String, Object> definition = service(application);
			assertThat(definition.get("image")).as(application).isEqualTo("orderflow/" + application + ":" + version);
			Map<?, ?> build = (Map<?, ?>) definition.get("build");
			assertThat(build.get("context")).as(application).isEqualTo(".");
			assertThat(((Map<?, ?>) build.get("args")).get("SERVICE")).as(application).isEqualTo(application);
			assertThat(ServiceFacts.ROOT.resolve("Dockerfile")).exists();
			assertThat(ServiceFacts.ROOT.resolve(application).resolve("pom.xml")).exists();
		}
		Map<?, ?> collector = (Map<?, ?>) service("otel-collector").get("build");
		assertThat(ServiceFacts.ROOT.resolve((String) collector.get("context"))
			.resolve((String) collector.get("dockerfile"))).exists();
	}

	@Test
	void setsOnlyVariablesTheServicesReadAndPointsThemAtTheRightPlaces() {
		for (String service : ServiceFacts.APPLICATIONS) {
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
					.containsEntry("DB_USER", database);
			}
			if (ServiceFacts.placeholders(service).contains("KAFKA_BOOTSTRAP")) {
				assertThat(environment).as(service).containsEntry("KAFKA_BOOTSTRAP", "kafka:9092");
			}
			// a URL to another service names that service and the port it listens on
			environment.forEach((variable, value) -> {
				Matcher url = Pattern.compile("http://([a-z-]+):(\\d+)(/.*)?").matcher(value);
				if ((variable.endsWith("_URL") || variable.endsWith("_URI")) && url.matches()
						&& ServiceFacts.APPLICATIONS.contains(url.group(1))) {
					assertThat(Integer.parseInt(url.group(2))).as(variable).isEqualTo(ServiceFacts.port(url.group(1)));
				}
			});
		}
	}

	@Test
	void everyDatabaseTheServicesAndTheIssuerUseIsCreatedByThePostgresInitScript() throws IOException {
		String script = Files.readString(ServiceFacts.ROOT.resolve("scripts/compose/create-databases.sh"));
		Matcher loop = Pattern.compile("for database in ([a-z_ ]+); do").matcher(script);
		assertThat(loop.find()).as("create-databases.sh loops over the databases").isTrue();
		List<String> created = List.of(loop.group(1).strip().split(" +"));
		List<String> used = ServiceFacts.APPLICATIONS.stream()
			.map(ServiceFacts::database)
			.filter((database) -> database != null)
			.toList();
		assertThat(used).as("the issuer has a database of its own")
			.contains(ServiceFacts.database(ServiceFacts.ISSUER));
		assertThat(created).containsExactlyInAnyOrderElementsOf(used);
	}

	@Test
	void theGatewayAndTheServicesCheckTokensAgainstTheIssuerUsersSeeWithKeysFetchedInside() {
		Map<String, String> issuer = environment(ServiceFacts.ISSUER);
		URI issuerUrl = URI.create(issuer.get("AUTH_ISSUER"));
		// users reach the issuer where it is published, on the loopback address
		assertThat(issuerUrl.getScheme()).isEqualTo("http");
		assertThat(issuerUrl.getHost()).isIn("localhost", "127.0.0.1");
		assertThat(issuerUrl.getPath()).isEmpty();
		int issuerPort = ServiceFacts.port(ServiceFacts.ISSUER);
		assertThat(published(ServiceFacts.ISSUER)).as("auth-server's port, published on 127.0.0.1")
			.containsEntry(issuerPort, issuerUrl.getPort());
		assertThat(issuer).as("the audience auth-server puts in its tokens").containsKey("AUTH_AUDIENCE");

		for (String service : ServiceFacts.SERVICES) {
			Map<String, String> environment = environment(service);
			assertThat(environment).as(service)
				.containsKeys(ServiceFacts.RESOURCE_SERVER_VARIABLES.toArray(String[]::new))
				.containsEntry("AUTH_ISSUER", issuer.get("AUTH_ISSUER"))
				.containsEntry("AUTH_AUDIENCE", issuer.get("AUTH_AUDIENCE"))
				.containsEntry("AUTH_JWK_SET_URI",
						"http://" + ServiceFacts.ISSUER + ":" + issuerPort + ServiceFacts.JWK_SET_PATH);
			assertThat(environment.get("AUTH_ROLES_CLAIM")).as(service).isNotBlank();
			assertThat(environment.get("AUTH_PRINCIPAL_CLAIM")).as(service).isNotBlank();
		}
	}

	@Test
	void theIssuerReadsItsKeysFromADirectoryTheUserMakesThatGitAndDockerBuildsIgnore() throws IOException {
		Map<String, String> environment = environment(ServiceFacts.ISSUER);
		String keysDir = environment.get("AUTH_KEYS_DIR");
		assertThat(keysDir).isNotBlank();
		List<?> volumes = (List<?>) service(ServiceFacts.ISSUER).get("volumes");
		Map<?, ?> keys = volumes.stream()
			.filter(Map.class::isInstance)
			.map(Map.class::cast)
			.filter((volume) -> keysDir.equals(volume.get("target")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("nothing is mounted at AUTH_KEYS_DIR " + keysDir));
		assertThat(keys.get("type")).isEqualTo("bind");
		assertThat(keys.get("read_only")).as("the issuer only reads its keys").isEqualTo(true);
		assertThat(((Map<?, ?>) keys.get("bind")).get("create_host_path"))
			.as("a missing key directory stops compose instead of being made empty, owned by root")
			.isEqualTo(false);
		String source = (String) keys.get("source");
		assertThat(source).startsWith("./");
		String aKey = Path.of(source).resolve("2030-01-01.pem").normalize().toString();
		assertThat(CommandLine.attempt(ServiceFacts.ROOT, "git", "check-ignore", "-q", aKey).exitCode())
			.as("git ignores %s", aKey)
			.isZero();
		String topFolder = Path.of(source).normalize().getName(0).toString();
		assertThat(Files.readAllLines(ServiceFacts.ROOT.resolve(".dockerignore"))).as("no key reaches a build context")
			.anyMatch((line) -> line.strip().replaceAll("^/|/$", "").equals(topFolder));
		assertThat(Files.readString(COMPOSE)).as("the file's header shows how to make the key")
			.contains("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out \"" + source.substring(2)
					+ "/$(date +%F).pem\"");
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
		for (String application : ServiceFacts.APPLICATIONS) {
			List<?> test = (List<?>) ((Map<?, ?>) service(application).get("healthcheck")).get("test");
			assertThat(test).as(application)
				.last()
				.isEqualTo("http://127.0.0.1:" + ServiceFacts.port(application) + ServiceFacts.READINESS_PATH);
			assertThat(ServiceFacts.exposesProbes(application)).as(application).isTrue();
		}
		// what the README promises: 4.7 GiB at most
		assertThat(totalMegabytes).isLessThanOrEqualTo(4800);
	}

	@Test
	void runsTheSameKafkaAndPaymentProviderVersionsAsTheLocalStackAndMountsFilesThatExist() throws IOException {
		String kafka = property(Files.readString(ServiceFacts.ROOT.resolve("scripts/kafka/pom.xml")), "kafka.version");
		assertThat(service("kafka").get("image")).isEqualTo("apache/kafka:" + kafka);
		String wiremock = property(Files.readString(ServiceFacts.ROOT.resolve("pom.xml")), "wiremock.version");
		assertThat(service("payment-provider").get("image")).isEqualTo("wiremock/wiremock:" + wiremock + "-alpine");
		for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
			for (Object volume : (List<?>) entry.getValue().getOrDefault("volumes", List.of())) {
				// what the user makes (the issuer's keys) is not in the repository:
				// checked above
				boolean madeByTheUser = volume instanceof Map<?, ?> bind
						&& bind.get("bind") instanceof Map<?, ?> options
						&& Boolean.FALSE.equals(options.get("create_host_path"));
				String source = (volume instanceof Map<?, ?> map) ? (String) map.get("source")
						: ((String) volume).split(":")[0];
				if (source.startsWith("./") && !madeByTheUser) {
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
		assertThat(targets).containsExactlyInAnyOrderElementsOf(ServiceFacts.APPLICATIONS.stream()
			.map((application) -> application + ":" + ServiceFacts.port(application))
			.toList());
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

	/** Container port to host port, of the ports a service publishes. */
	private static Map<Integer, Integer> published(String name) {
		Map<Integer, Integer> ports = new LinkedHashMap<>();
		for (Object port : (List<?>) service(name).getOrDefault("ports", List.of())) {
			Matcher matcher = Pattern.compile("127\\.0\\.0\\.1:(\\d+):(\\d+)").matcher((String) port);
			assertThat(matcher.matches()).as("%s publishes %s on 127.0.0.1 only", name, port).isTrue();
			ports.put(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(1)));
		}
		return ports;
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
