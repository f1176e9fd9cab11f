package com.example.orderflow.system.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.google.gson.Gson;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.yaml.snakeyaml.Yaml;

/**
 * One overlay of {@code k8s/} as {@code kubectl kustomize} renders it: every object as
 * plain maps, and the Kubernetes ones through the official client's models, which reject
 * unknown fields and missing required ones.
 */
final class RenderedManifests {

	/**
	 * The kinds of Kubernetes itself that the manifests may hold, with their strict
	 * parsers.
	 */
	private static final Map<String, Parser> MODELS = Map.of("v1/Namespace", V1Namespace::fromJson, "v1/ServiceAccount",
			V1ServiceAccount::fromJson, "v1/ConfigMap", V1ConfigMap::fromJson, "v1/Secret", V1Secret::fromJson,
			"v1/Service", V1Service::fromJson, "apps/v1/Deployment", V1Deployment::fromJson,
			"networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy::fromJson, "policy/v1/PodDisruptionBudget",
			V1PodDisruptionBudget::fromJson, "autoscaling/v2/HorizontalPodAutoscaler",
			V2HorizontalPodAutoscaler::fromJson);

	/** The operators' custom resources, whose schemas are not in the official client. */
	static final List<String> OPERATOR_KINDS = List.of("kafka.strimzi.io/v1/Kafka", "kafka.strimzi.io/v1/KafkaNodePool",
			"kafka.strimzi.io/v1/KafkaTopic", "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database");

	private static final Map<String, RenderedManifests> rendered = new ConcurrentHashMap<>();

	private static final Gson gson = new Gson();

	final String overlay;

	private final List<Map<String, Object>> objects;

	private RenderedManifests(String overlay, List<Map<String, Object>> objects) {
		this.overlay = overlay;
		this.objects = objects;
	}

	/** The overlay {@code k8s/overlays/<name>}, rendered once per test run. */
	static RenderedManifests of(String overlay) {
		return rendered.computeIfAbsent(overlay,
				(name) -> parse(name, kustomize(ServiceFacts.ROOT.resolve("k8s/overlays/" + name))));
	}

	static String kustomize(Path directory) {
		Path output = null;
		try {
			output = Files.createTempFile("kustomize", ".yaml");
			Path errors = Files.createTempFile("kustomize", ".err");
			Process process;
			try {
				process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
					.redirectOutput(output.toFile())
					.redirectError(errors.toFile())
					.start();
			}
			catch (IOException ex) {
				throw new AssertionError(
						"kubectl is not on the PATH: ./stack test installs it (Debian's kubernetes-client)", ex);
			}
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new AssertionError("kubectl kustomize " + directory + " did not finish in 2 minutes");
			}
			String stderr = Files.readString(errors);
			Files.delete(errors);
			if (process.exitValue() != 0) {
				throw new AssertionError("kubectl kustomize " + directory + " failed:\n" + stderr);
			}
			return Files.readString(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			if (output != null) {
				output.toFile().delete();
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static RenderedManifests parse(String overlay, String yaml) {
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml().loadAll(yaml)) {
			if (document != null) {
				objects.add((Map<String, Object>) document);
			}
		}
		return new RenderedManifests(overlay, List.copyOf(objects));
	}

	List<Map<String, Object>> all() {
		return this.objects;
	}

	/** "apiVersion/kind", e.g. {@code apps/v1/Deployment}. */
	static String type(Map<String, Object> object) {
		return object.get("apiVersion") + "/" + object.get("kind");
	}

	static String name(Map<String, Object> object) {
		return (String) map(object, "metadata").get("name");
	}

	static String json(Map<String, Object> object) {
		return gson.toJson(object);
	}

	/**
	 * Whether the official client knows this kind, so that {@link #strictly} can check
	 * it.
	 */
	static boolean isKubernetesKind(Map<String, Object> object) {
		return MODELS.containsKey(type(object));
	}

	/**
	 * The object as the official model: unknown fields and missing required ones throw
	 * {@link IllegalArgumentException}.
	 */
	static Object strictly(Map<String, Object> object) {
		return strictly(type(object), json(object));
	}

	static Object strictly(String type, String json) {
		Parser parser = MODELS.get(type);
		if (parser == null) {
			throw new IllegalArgumentException("no model for " + type);
		}
		try {
			return parser.parse(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
	}

	Optional<Map<String, Object>> find(String kind, String name) {
		return ofKind(kind).stream().filter((object) -> name.equals(name(object))).findFirst();
	}

	Map<String, Object> get(String kind, String name) {
		return find(kind, name)
			.orElseThrow(() -> new AssertionError(this.overlay + " has no " + kind + " named " + name));
	}

	<T> List<T> models(String kind, Class<T> type) {
		return ofKind(kind).stream().map(RenderedManifests::strictly).map(type::cast).toList();
	}

	List<V1Deployment> deployments() {
		return models("Deployment", V1Deployment.class);
	}

	V1Deployment deployment(String name) {
		return V1Deployment.class.cast(strictly(get("Deployment", name)));
	}

	Optional<V1Deployment> findDeployment(String name) {
		return find("Deployment", name).map(RenderedManifests::strictly).map(V1Deployment.class::cast);
	}

	List<V1Service> services() {
		return models("Service", V1Service.class);
	}

	List<V1NetworkPolicy> networkPolicies() {
		return models("NetworkPolicy", V1NetworkPolicy.class);
	}

	List<V2HorizontalPodAutoscaler> autoscalers() {
		return models("HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class);
	}

	List<V1PodDisruptionBudget> disruptionBudgets() {
		return models("PodDisruptionBudget", V1PodDisruptionBudget.class);
	}

	V1ConfigMap configMap(String name) {
		return V1ConfigMap.class.cast(strictly(get("ConfigMap", name)));
	}

	/** The container of a service's Deployment that runs the service (named after it). */
	V1Container container(String deployment) {
		return deployment(deployment).getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.stream()
			.filter((container) -> deployment.equals(container.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(deployment + " has no container named " + deployment));
	}

	/**
	 * Every variable the container gets, from its ConfigMaps and its own list, in
	 * Kubernetes' order (a later source wins). A value that comes from a Secret or the
	 * downward API is null.
	 */
	Map<String, String> environment(V1Container container) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (V1EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<V1EnvFromSource>of())) {
			if (source.getConfigMapRef() == null || source.getPrefix() != null) {
				throw new AssertionError(container.getName() + " takes variables from a source whose names are not"
						+ " in the manifests: " + source);
			}
			environment.putAll(configMap(source.getConfigMapRef().getName()).getData());
		}
		for (V1EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<V1EnvVar>of())) {
			environment.put(variable.getName(), variable.getValue());
		}
		return environment;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Map<String, Object> object, String... path) {
		Object value = object;
		for (String key : path) {
			if (!(value instanceof Map<?, ?> map) || !map.containsKey(key)) {
				return Map.of();
			}
			value = map.get(key);
		}
		return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
	}

	static Object value(Map<String, Object> object, String... path) {
		Object value = object;
		for (String key : path) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(key);
		}
		return value;
	}

	@FunctionalInterface
	private interface Parser {

		Object parse(String json) throws IOException;

	}

}
