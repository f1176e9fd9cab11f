package com.example.orderflow.system.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.yaml.snakeyaml.Yaml;

/**
 * What the services' own configuration says, read from their {@code application*.yml}, so
 * that deployment files are checked against the code instead of against a copy of it.
 */
final class ServiceFacts {

	static final Path ROOT = Path.of(System.getProperty("orderflow.root", "..")).toAbsolutePath().normalize();

	static final List<String> SERVICES = List.of("gateway", "order-service", "inventory-service", "payment-service",
			"saga-orchestrator");

	/**
	 * The OAuth 2.1 / OIDC issuer: deployed and built like the services, but none of them
	 * (no Kafka, no API of the system).
	 */
	static final String ISSUER = "auth-server";

	/** Every application the deployments run from this repository's images. */
	static final List<String> APPLICATIONS = Stream.concat(SERVICES.stream(), Stream.of(ISSUER)).toList();

	/**
	 * What the gateway and each service read to check a token, the same everywhere: the
	 * expected issuer, where its keys are, the audience, the claims of the roles and of
	 * the principal.
	 */
	static final List<String> RESOURCE_SERVER_VARIABLES = List.of("AUTH_ISSUER", "AUTH_JWK_SET_URI", "AUTH_AUDIENCE",
			"AUTH_ROLES_CLAIM", "AUTH_PRINCIPAL_CLAIM");

	/** Where an issuer built on Spring Authorization Server publishes its keys. */
	static final String JWK_SET_PATH = "/oauth2/jwks";

	/**
	 * Partitions per topic when a service does not say otherwise (MessagingProperties).
	 */
	static final int DEFAULT_PARTITIONS = 6;

	static final String LIVENESS_PATH = "/actuator/health/liveness";

	static final String READINESS_PATH = "/actuator/health/readiness";

	/**
	 * Variables a service reads without a placeholder in its configuration: the
	 * OpenTelemetry agent reads {@code OTEL_*} and the JVM {@code JAVA_TOOL_OPTIONS};
	 * Spring Boot binds the rest by its relaxed names.
	 */
	private static final Pattern READ_WITHOUT_PLACEHOLDER = Pattern
		.compile("OTEL_[A-Z0-9_]+|JAVA_TOOL_OPTIONS|SPRING_PROFILES_ACTIVE|MESSAGING_TOPICS_REPLICATION_FACTOR"
				+ "|LOGGING_LEVEL_[A-Z0-9_]+");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

	/**
	 * Each service's files are read once: the checks ask about every variable and port.
	 */
	private static final Map<String, Set<String>> PLACEHOLDERS = new ConcurrentHashMap<>();

	private static final Map<String, Map<String, Object>> APPLICATION_YAML = new ConcurrentHashMap<>();

	private ServiceFacts() {
	}

	/** Environment variables named in the service's configuration files. */
	static Set<String> placeholders(String service) {
		return PLACEHOLDERS.computeIfAbsent(service, ServiceFacts::readPlaceholders);
	}

	private static Set<String> readPlaceholders(String service) {
		Set<String> variables = new TreeSet<>();
		for (Path file : configurationFiles(service)) {
			Matcher matcher = PLACEHOLDER.matcher(read(file));
			while (matcher.find()) {
				variables.add(matcher.group(1));
			}
		}
		return Collections.unmodifiableSet(variables);
	}

	/** Whether setting this variable changes anything for the service. */
	static boolean reads(String service, String variable) {
		return placeholders(service).contains(variable) || READ_WITHOUT_PLACEHOLDER.matcher(variable).matches();
	}

	/** The HTTP port the service listens on by default ({@code server.port}). */
	static int port(String service) {
		Matcher matcher = Pattern.compile("\\$\\{PORT:(\\d+)}")
			.matcher(String.valueOf(property(service, "server", "port")));
		if (!matcher.matches()) {
			throw new IllegalStateException(service + " has no default port");
		}
		return Integer.parseInt(matcher.group(1));
	}

	/**
	 * Whether the actuator's liveness and readiness groups are on, as the probes need.
	 */
	static boolean exposesProbes(String service) {
		return Boolean.TRUE.equals(property(service, "management", "endpoint.health.probes.enabled"));
	}

	/**
	 * Every topic a service creates at start, with its partitions: what a topic operator
	 * must create in its place.
	 */
	static Map<String, Integer> topics() {
		Map<String, Integer> topics = new TreeMap<>();
		for (String service : SERVICES) {
			if (!(property(service, "messaging", "topics") instanceof Map<?, ?> settings)) {
				continue;
			}
			Object partitions = settings.get("partitions");
			int count = (partitions instanceof Integer value) ? value : DEFAULT_PARTITIONS;
			for (Object topic : (List<?>) settings.get("create")) {
				Integer earlier = topics.put((String) topic, count);
				if (earlier != null && earlier != count) {
					throw new IllegalStateException(
							topic + " is created with " + earlier + " and " + count + " partitions");
				}
			}
		}
		return topics;
	}

	/** The database named in the service's default JDBC URL, or null without one. */
	static String database(String service) {
		Object url = property(service, "spring", "datasource");
		if (!(url instanceof Map<?, ?> datasource)) {
			return null;
		}
		Matcher matcher = Pattern.compile(".*/([a-z_]+)}?$").matcher(String.valueOf(datasource.get("url")));
		return matcher.matches() ? matcher.group(1) : null;
	}

	/**
	 * A property of {@code application.yml}, looked up by its first key, then the rest.
	 */
	private static Object property(String service, String first, String rest) {
		Map<String, Object> yaml = APPLICATION_YAML.computeIfAbsent(service,
				(name) -> new Yaml().load(read(ROOT.resolve(name + "/src/main/resources/application.yml"))));
		if (!(yaml.get(first) instanceof Map<?, ?> section)) {
			return null;
		}
		if (section.containsKey(rest)) {
			return section.get(rest);
		}
		Object value = section;
		for (String key : rest.split("\\.")) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(key);
		}
		return value;
	}

	/**
	 * The files whose placeholders a service resolves: its own {@code application*.yml},
	 * and the property files of the project's libraries it runs with (service-security
	 * binds the {@code AUTH_*} variables once for every service).
	 */
	private static List<Path> configurationFiles(String service) {
		List<Path> files = new ArrayList<>(
				list(ROOT.resolve(service + "/src/main/resources"), "application.*\\.ya?ml"));
		for (String library : libraries(service, new TreeSet<>())) {
			files.addAll(list(ROOT.resolve(library + "/src/main/resources"), ".+\\.(properties|ya?ml)"));
		}
		return files;
	}

	/**
	 * The modules of this repository the application depends on at run time, and theirs:
	 * not those only its tests use.
	 */
	private static Set<String> libraries(String module, Set<String> found) {
		Element project = parse(ROOT.resolve(module + "/pom.xml")).getDocumentElement();
		for (Element dependencies : children(project, "dependencies")) {
			for (Element dependency : children(dependencies, "dependency")) {
				String artifact = text(dependency, "artifactId");
				boolean runtime = !"test".equals(text(dependency, "scope"))
						&& !"test-jar".equals(text(dependency, "type"));
				if (runtime && Files.exists(ROOT.resolve(artifact + "/pom.xml")) && found.add(artifact)) {
					libraries(artifact, found);
				}
			}
		}
		return found;
	}

	private static List<Path> list(Path directory, String names) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().matches(names)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Document parse(Path pom) {
		try {
			return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ParserConfigurationException | SAXException ex) {
			throw new IllegalStateException("Cannot read " + pom, ex);
		}
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> children = new ArrayList<>();
		for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element element && element.getTagName().equals(name)) {
				children.add(element);
			}
		}
		return children;
	}

	private static String text(Element parent, String name) {
		List<Element> found = children(parent, name);
		return found.isEmpty() ? null : found.get(0).getTextContent().strip();
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
