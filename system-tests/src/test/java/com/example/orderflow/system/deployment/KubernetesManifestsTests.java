package com.example.orderflow.system.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyEgressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPeer;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPort;
import io.kubernetes.client.openapi.models.V1NetworkPolicySpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1SecretKeySelector;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1TopologySpreadConstraint;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.openapi.models.V2MetricSpec;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.orderflow.system.deployment.NetworkReachability.Endpoint;
import com.example.orderflow.system.deployment.NetworkReachability.Pod;

import static com.example.orderflow.system.deployment.RenderedManifests.map;
import static com.example.orderflow.system.deployment.RenderedManifests.name;
import static com.example.orderflow.system.deployment.RenderedManifests.value;
import static com.example.orderflow.system.deployment.ServiceFacts.APPLICATIONS;
import static com.example.orderflow.system.deployment.ServiceFacts.ISSUER;
import static com.example.orderflow.system.deployment.ServiceFacts.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kubernetes manifests under {@code k8s/}: each overlay rendered with
 * {@code kubectl kustomize}, every Kubernetes object deserialised strictly with the
 * official client's models, and what they configure checked against what the services'
 * code and configuration actually read. Nothing here needs a cluster.
 */
class KubernetesManifestsTests {

	private static final String AGENT_OPTIONS = "-javaagent:/otel/opentelemetry-javaagent.jar"
			+ " -Dotel.javaagent.configuration-file=/otel/javaagent.properties";

	/** Spring Boot's default {@code spring.lifecycle.timeout-per-shutdown-phase}. */
	private static final int SPRING_SHUTDOWN_PHASE_SECONDS = 30;

	/**
	 * How long the outbox relay waits for a round in progress when it stops
	 * (OutboxRelay).
	 */
	private static final int RELAY_STOP_SECONDS = 10;

	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN).*");

	private static final Pattern COLLECTOR_VARIABLE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)");

	private static final Pattern PINNED_IMAGE = Pattern.compile(
			"(?<registry>([a-z0-9-]+\\.[a-z0-9.-]+|localhost)(:\\d+)?/)?(?<name>[a-z0-9._/-]+)(:(?<tag>[\\w][\\w.-]*))?(@sha256:[0-9a-f]{64})?");

	/**
	 * The variable that tells a service where another one is, with the Deployment it must
	 * reach.
	 */
	private static final Map<String, String> ADDRESSES = Map.of("ORDER_SERVICE_URL", "order-service",
			"INVENTORY_SERVICE_URL", "inventory-service", "PAYMENT_SERVICE_URL", "payment-service", "ORCHESTRATOR_URL",
			"saga-orchestrator", "PAYMENT_PROVIDER_URL", "payment-provider", "OTEL_EXPORTER_OTLP_ENDPOINT",
			"otel-collector", "AUTH_JWK_SET_URI", ISSUER);

	private static final Gson gson = new Gson();

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void kubernetesObjectsDeserialiseStrictlyWithTheOfficialModels(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		assertThat(manifests.all()).isNotEmpty();
		for (Map<String, Object> object : manifests.all()) {
			String described = RenderedManifests.type(object) + " " + name(object);
			if (RenderedManifests.isKubernetesKind(object)) {
				assertThatCode(() -> RenderedManifests.strictly(object)).as(described).doesNotThrowAnyException();
			}
			else {
				assertThat(RenderedManifests.OPERATOR_KINDS).as("a kind these tests check: " + described)
					.contains(RenderedManifests.type(object));
			}
		}
	}

	@Test
	void strictDeserialisationRejectsAMisspeltFieldAndAMissingRequiredOne() {
		String json = RenderedManifests.json(RenderedManifests.of("local").get("Deployment", "gateway"));
		assertThatCode(() -> RenderedManifests.strictly("apps/v1/Deployment", json)).doesNotThrowAnyException();

		String misspelt = json.replace("\"readinessProbe\"", "\"readynessProbe\"");
		assertThat(misspelt).isNotEqualTo(json);
		assertThatThrownBy(() -> RenderedManifests.strictly("apps/v1/Deployment", misspelt))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("readynessProbe");

		JsonObject deployment = JsonParser.parseString(json).getAsJsonObject();
		deployment.getAsJsonObject("spec")
			.getAsJsonObject("template")
			.getAsJsonObject("spec")
			.getAsJsonArray("containers")
			.get(0)
			.getAsJsonObject()
			.remove("name");
		assertThatThrownBy(() -> RenderedManifests.strictly("apps/v1/Deployment", deployment.toString()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void everythingLandsInTheNamespaceTheOverlayCreates(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		assertThat(manifests.ofKind("Namespace")).hasSize(1);
		String namespace = name(manifests.ofKind("Namespace").get(0));
		assertThat(map(manifests.ofKind("Namespace").get(0), "metadata", "labels"))
			.as("pods that break the restricted Pod Security Standard are refused")
			.containsEntry("pod-security.kubernetes.io/enforce", "restricted");
		for (Map<String, Object> object : manifests.all()) {
			if (!"Namespace".equals(object.get("kind"))) {
				assertThat(value(object, "metadata", "namespace"))
					.as(RenderedManifests.type(object) + " " + name(object))
					.isEqualTo(namespace);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void containersSetOnlyVariablesTheirServiceReads(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		for (String service : APPLICATIONS) {
			Map<String, String> environment = manifests.environment(manifests.container(service));
			assertThat(environment.keySet()).as(service)
				.allSatisfy((variable) -> assertThat(ServiceFacts.reads(service, variable))
					.as("%s reads %s", service, variable)
					.isTrue());
			assertThat(environment).as(service)
				.containsEntry("OTEL_SERVICE_NAME", service)
				.containsEntry("JAVA_TOOL_OPTIONS", AGENT_OPTIONS);
			if (!ServiceFacts.placeholders(service).contains("KAFKA_BOOTSTRAP")) {
				assertThat(environment).as("%s creates no topics", service)
					.doesNotContainKey("MESSAGING_TOPICS_REPLICATION_FACTOR");
			}
			String profiles = environment.get("SPRING_PROFILES_ACTIVE");
			if (profiles != null) {
				for (String profile : profiles.split(",")) {
					assertThat(ServiceFacts.ROOT
						.resolve(service + "/src/main/resources/application-" + profile.strip() + ".yml"))
						.as("%s has a profile %s", service, profile)
						.exists();
				}
			}
		}
		V1Container collector = collectorContainer(manifests);
		assertThat(manifests.environment(collector).keySet()).as("the variables the collector's configuration reads")
			.isEqualTo(collectorVariables());
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void secretsAreReferencedNeverWrittenDown(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		assertThat(manifests.ofKind("Secret")).as("Secrets are created by hand (README), never kept here").isEmpty();
		for (V1Deployment deployment : manifests.deployments()) {
			for (V1Container container : containers(deployment)) {
				for (V1EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<V1EnvVar>of())) {
					if (SECRET_NAME.matcher(variable.getName()).matches()) {
						assertThat(variable.getValue()).as("%s of %s", variable.getName(), container.getName())
							.isNull();
						assertThat(variable.getValueFrom()).as("%s of %s", variable.getName(), container.getName())
							.isNotNull();
						assertThat(variable.getValueFrom().getSecretKeyRef())
							.as("%s of %s comes from a Secret", variable.getName(), container.getName())
							.isNotNull();
					}
				}
				assertThat(manifests.environment(container).keySet())
					.as("variables of %s set in ConfigMaps", container.getName())
					.noneMatch((name) -> SECRET_NAME.matcher(name).matches() && !isFromSecret(container, name));
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void servicesListenAndAreProbedWhereTheirConfigurationSays(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		for (String service : APPLICATIONS) {
			assertThat(ServiceFacts.exposesProbes(service)).as("%s turns on the liveness and readiness groups", service)
				.isTrue();
			int port = ServiceFacts.port(service);
			V1Container container = manifests.container(service);
			assertThat(container.getPorts()).extracting(V1ContainerPort::getContainerPort)
				.as(service)
				.containsExactly(port);

			assertThat(httpGet(container.getStartupProbe(), service + " startup").getPath())
				.isEqualTo(ServiceFacts.LIVENESS_PATH);
			assertThat(httpGet(container.getLivenessProbe(), service + " liveness").getPath())
				.isEqualTo(ServiceFacts.LIVENESS_PATH);
			assertThat(httpGet(container.getReadinessProbe(), service + " readiness").getPath())
				.isEqualTo(ServiceFacts.READINESS_PATH);
			for (V1Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
					container.getReadinessProbe())) {
				assertThat(containerPort(container, probe.getHttpGet().getPort())).as("%s probes its own port", service)
					.isEqualTo(port);
			}
			assertThat(startupBudgetSeconds(container.getStartupProbe()))
				.as("%s may take a minute to start with the agent on a small node", service)
				.isGreaterThanOrEqualTo(90);

			Map<String, String> annotations = manifests.deployment(service)
				.getSpec()
				.getTemplate()
				.getMetadata()
				.getAnnotations();
			assertThat(annotations).as(service)
				.containsEntry("prometheus.io/port", String.valueOf(port))
				.containsEntry("prometheus.io/path", "/actuator/prometheus");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void imagesAreTheServicesAndTheIssuerAndPinnedVersions(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		Set<String> ours = new TreeSet<>();
		for (V1Deployment deployment : manifests.deployments()) {
			for (V1Container container : containers(deployment)) {
				Matcher image = PINNED_IMAGE.matcher(container.getImage());
				assertThat(image.matches()).as(container.getImage()).isTrue();
				assertThat(image.group("tag") != null || container.getImage().contains("@sha256:"))
					.as("%s names a version", container.getImage())
					.isTrue();
				assertThat(image.group("tag")).as(container.getImage()).isNotEqualTo("latest");
				if (image.group("name").startsWith("orderflow/")) {
					assertThat(image.group("name")).as("the image of %s", deployment.getMetadata().getName())
						.isEqualTo("orderflow/" + deployment.getMetadata().getName());
					ours.add(deployment.getMetadata().getName());
				}
			}
		}
		assertThat(ours).containsExactlyInAnyOrderElementsOf(APPLICATIONS);
		String postgres = (String) value(single(manifests, "Cluster"), "spec", "imageName");
		assertThat(postgres).as("PostgreSQL's image").matches(".+:[\\w][\\w.-]*").doesNotEndWith(":latest");
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void everyServiceObjectSelectsOneDeploymentAndTargetsADeclaredPort(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		for (V1Service service : manifests.services()) {
			String name = service.getMetadata().getName();
			V1Deployment target = selectedDeployment(manifests, service);
			for (V1ServicePort port : service.getSpec().getPorts()) {
				assertThatCode(() -> containerPort(podContainers(target), port.getTargetPort()))
					.as("Service %s port %s", name, port.getPort())
					.doesNotThrowAnyException();
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void inClusterAddressesReachAPodListeningThere(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		for (String service : APPLICATIONS) {
			Map<String, String> environment = manifests.environment(manifests.container(service));
			for (Map.Entry<String, String> address : ADDRESSES.entrySet()) {
				String url = environment.get(address.getKey());
				if (url == null || URI.create(url).getHost().contains(".")) {
					continue;
				}
				URI uri = URI.create(url);
				Target target = reachedThrough(manifests, uri.getHost(), uri.getPort());
				assertThat(target.deployment()).as("%s of %s", address.getKey(), service).isEqualTo(address.getValue());
				if (APPLICATIONS.contains(target.deployment())) {
					assertThat(target.containerPort()).isEqualTo(ServiceFacts.port(target.deployment()));
				}
			}
		}
		assertThat(manifests.environment(manifests.container("gateway")).keySet()).as("the gateway's routes")
			.contains("ORDER_SERVICE_URL", "INVENTORY_SERVICE_URL", "PAYMENT_SERVICE_URL", "ORCHESTRATOR_URL");
		assertThat(manifests.environment(manifests.container("payment-service"))).containsKey("PAYMENT_PROVIDER_URL");
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void podsRunUnprivilegedWithinBoundedResources(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		for (V1Deployment deployment : manifests.deployments()) {
			String name = deployment.getMetadata().getName();
			Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			assertThat(labels).as(name)
				.containsEntry("app.kubernetes.io/name", name)
				.containsEntry("app.kubernetes.io/part-of", "orderflow");
			assertThat(NetworkReachability.selects(deployment.getSpec().getSelector(), labels)).as(name).isTrue();

			V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			assertThat(pod.getAutomountServiceAccountToken()).as("%s mounts no API token", name).isFalse();
			assertThat(pod.getEnableServiceLinks()).as("%s gets no service link variables", name).isFalse();
			assertThat(pod.getHostNetwork()).as(name).isNotEqualTo(Boolean.TRUE);
			assertThat(pod.getHostPID()).as(name).isNotEqualTo(Boolean.TRUE);
			assertThat(manifests.find("ServiceAccount", pod.getServiceAccountName())).as("%s's service account", name)
				.hasValueSatisfying(
						(account) -> assertThat(account.get("automountServiceAccountToken")).isEqualTo(false));

			V1PodSecurityContext security = pod.getSecurityContext();
			assertThat(security).as(name).isNotNull();
			assertThat(security.getRunAsNonRoot()).as(name).isTrue();
			assertThat(security.getRunAsUser()).as(name).isNotNull().isNotZero();
			assertThat(security.getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
			if (APPLICATIONS.contains(name)) {
				assertThat(security.getRunAsUser()).as("%s runs as the image's user", name).isEqualTo(10001L);
				assertThat(security.getRunAsGroup()).as(name).isEqualTo(10001L);
				assertThat(pod.getContainers()).hasSize(1);
				assertThat(temporaryDirectory(pod, pod.getContainers().get(0))).as("%s has a writable /tmp", name)
					.isTrue();
			}
			for (V1Container container : containers(deployment)) {
				String described = name + "/" + container.getName();
				V1SecurityContext context = container.getSecurityContext();
				assertThat(context).as(described).isNotNull();
				assertThat(context.getAllowPrivilegeEscalation()).as(described).isFalse();
				assertThat(context.getPrivileged()).as(described).isNotEqualTo(Boolean.TRUE);
				assertThat(context.getReadOnlyRootFilesystem()).as(described).isTrue();
				assertThat(context.getCapabilities().getDrop()).as(described).containsExactly("ALL");
				assertThat(context.getCapabilities().getAdd()).as(described).isNullOrEmpty();

				Map<String, Quantity> requests = container.getResources().getRequests();
				Map<String, Quantity> limits = container.getResources().getLimits();
				assertThat(requests).as(described).containsKeys("cpu", "memory");
				assertThat(limits).as(described).containsKeys("cpu", "memory");
				assertThat(limits.get("memory").getNumber()).as(described)
					.isGreaterThanOrEqualTo(requests.get("memory").getNumber());
				assertThat(limits.get("cpu").getNumber()).as(described)
					.isGreaterThanOrEqualTo(requests.get("cpu").getNumber());
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void operatorsPodsMeetTheRestrictedPodSecurityStandardToo(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		Map<String, Object> kafka = single(manifests, "Kafka");
		assertRestricted(map(kafka, "spec", "entityOperator", "template", "pod", "securityContext"),
				map(kafka, "spec", "entityOperator", "template", "topicOperatorContainer", "securityContext"),
				"the entity operator");
		boolean rackAware = !map(kafka, "spec", "kafka", "rack").isEmpty();
		for (Map<String, Object> pool : manifests.ofKind("KafkaNodePool")) {
			assertRestricted(map(pool, "spec", "template", "pod", "securityContext"),
					map(pool, "spec", "template", "kafkaContainer", "securityContext"),
					"the Kafka node pool " + name(pool));
			if (rackAware) {
				assertRestricted(map(pool, "spec", "template", "pod", "securityContext"),
						map(pool, "spec", "template", "initContainer", "securityContext"),
						"the Kafka node pool " + name(pool) + "'s rack init container");
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void servicesShutDownWithoutDroppingRequestsOrKafkaWork(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		for (String service : APPLICATIONS) {
			V1Container container = manifests.container(service);
			assertThat(container.getLifecycle()).as(service).isNotNull();
			assertThat(container.getLifecycle().getPreStop().getSleep())
				.as("%s waits for its endpoint to be removed (the native sleep action needs nothing in the image)",
						service)
				.isNotNull();
			long sleep = container.getLifecycle().getPreStop().getSleep().getSeconds();
			assertThat(sleep).as(service).isBetween(5L, 20L);
			Long grace = manifests.deployment(service)
				.getSpec()
				.getTemplate()
				.getSpec()
				.getTerminationGracePeriodSeconds();
			// the issuer has no outbox relay to stop
			long relay = service.equals(ISSUER) ? 0 : RELAY_STOP_SECONDS;
			assertThat(grace).as("%s's grace period outlasts the sleep, the relay's stop and a shutdown phase", service)
				.isNotNull()
				.isGreaterThanOrEqualTo(sleep + relay + SPRING_SHUTDOWN_PHASE_SECONDS);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void changingAConfigMapRollsThePodsThatReadIt(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		for (V1Deployment deployment : manifests.deployments()) {
			List<String> read = new ArrayList<>();
			for (V1Container container : containers(deployment)) {
				Objects.requireNonNullElse(container.getEnvFrom(), List.<V1EnvFromSource>of())
					.stream()
					.filter((source) -> source.getConfigMapRef() != null)
					.forEach((source) -> read.add(source.getConfigMapRef().getName()));
			}
			Objects.requireNonNullElse(deployment.getSpec().getTemplate().getSpec().getVolumes(), List.<V1Volume>of())
				.stream()
				.filter((volume) -> volume.getConfigMap() != null)
				.forEach((volume) -> read.add(volume.getConfigMap().getName()));
			for (String configMap : read) {
				assertThat(manifests.find("ConfigMap", configMap))
					.as("%s reads ConfigMap %s", deployment.getMetadata().getName(), configMap)
					.isPresent();
				assertThat(configMap).as("%s's name carries its content's hash", configMap).matches(".+-[a-z0-9]{10}");
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void kafkaTopicsAreExactlyTheTopicsTheServicesCreate(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		String cluster = name(single(manifests, "Kafka"));
		int brokers = brokers(manifests, cluster);
		int replicas = Math.min(3, brokers);
		Map<String, Integer> topics = new TreeMap<>();
		for (Map<String, Object> topic : manifests.ofKind("KafkaTopic")) {
			String name = Objects.requireNonNullElse((String) value(topic, "spec", "topicName"), name(topic));
			topics.put(name, (Integer) value(topic, "spec", "partitions"));
			assertThat(map(topic, "metadata", "labels")).as(name).containsEntry("strimzi.io/cluster", cluster);
			assertThat(value(topic, "spec", "replicas")).as("%s's replicas with %d brokers", name, brokers)
				.isEqualTo(replicas);
			assertThat(integer(value(topic, "spec", "config", "min.insync.replicas")))
				.as("%s survives losing a broker without losing an acknowledged write", name)
				.isEqualTo(Math.max(1, replicas - 1));
		}
		assertThat(topics).isEqualTo(ServiceFacts.topics());
		for (String service : kafkaServices()) {
			assertThat(manifests.environment(manifests.container(service)))
				.as("%s creates missing topics like the KafkaTopics", service)
				.containsEntry("MESSAGING_TOPICS_REPLICATION_FACTOR", String.valueOf(replicas));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void servicesReachAKraftClusterThroughItsBootstrapService(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		Map<String, Object> kafka = single(manifests, "Kafka");
		String cluster = name(kafka);
		assertThat(cluster).isEqualTo("orderflow");
		assertThat(map(kafka, "metadata", "annotations")).containsEntry("strimzi.io/kraft", "enabled")
			.containsEntry("strimzi.io/node-pools", "enabled");
		assertThat(value(kafka, "spec", "entityOperator", "topicOperator")).as("the topic operator runs").isNotNull();

		int brokers = brokers(manifests, cluster);
		assertThat(brokers).isEqualTo(overlay.equals("local") ? 1 : 3);
		for (Map<String, Object> pool : manifests.ofKind("KafkaNodePool")) {
			assertThat(map(pool, "metadata", "labels")).containsEntry("strimzi.io/cluster", cluster);
			assertThat(value(pool, "spec", "roles")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsExactlyInAnyOrder("controller", "broker");
		}
		Map<String, Object> config = map(kafka, "spec", "kafka", "config");
		int replicas = Math.min(3, brokers);
		assertThat(integer(config.get("default.replication.factor"))).isEqualTo(replicas);
		assertThat(integer(config.get("offsets.topic.replication.factor"))).isEqualTo(replicas);
		assertThat(integer(config.get("transaction.state.log.replication.factor"))).isEqualTo(replicas);
		assertThat(integer(config.get("min.insync.replicas"))).isEqualTo(Math.max(1, replicas - 1));
		assertThat(integer(config.get("transaction.state.log.min.isr"))).isEqualTo(Math.max(1, replicas - 1));

		Map<String, Object> listener = plainListener(kafka);
		String bootstrap = cluster + "-kafka-bootstrap:" + listener.get("port");
		for (String service : kafkaServices()) {
			assertThat(manifests.environment(manifests.container(service))).as(service)
				.containsEntry("KAFKA_BOOTSTRAP", bootstrap);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void eachServiceUsesItsOwnDatabaseAsItsOwnRole(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		Map<String, Object> cluster = single(manifests, "Cluster");
		String clusterName = name(cluster);
		assertThat(value(cluster, "spec", "instances")).isEqualTo(overlay.equals("local") ? 1 : 3);

		Map<String, String> secretOfRole = new LinkedHashMap<>();
		for (Object role : (List<?>) value(cluster, "spec", "managed", "roles")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> settings = (Map<String, Object>) role;
			assertThat(settings.get("login")).as("role %s logs in", settings.get("name")).isEqualTo(true);
			assertThat(settings.get("superuser")).as("role %s", settings.get("name")).isNotEqualTo(true);
			secretOfRole.put((String) settings.get("name"), (String) value(settings, "passwordSecret", "name"));
		}
		Map<String, String> ownerOfDatabase = new TreeMap<>();
		for (Map<String, Object> database : manifests.ofKind("Database")) {
			assertThat(value(database, "spec", "cluster", "name")).isEqualTo(clusterName);
			ownerOfDatabase.put((String) value(database, "spec", "name"), (String) value(database, "spec", "owner"));
		}

		Set<String> used = new TreeSet<>();
		for (String service : APPLICATIONS) {
			V1Container container = manifests.container(service);
			Map<String, String> environment = manifests.environment(container);
			String database = ServiceFacts.database(service);
			if (database == null) {
				assertThat(environment.keySet()).as(service).noneMatch((name) -> name.startsWith("DB_"));
				continue;
			}
			used.add(database);
			String secret = "orderflow-db-" + database;
			assertThat(environment).as(service)
				.containsEntry("DB_URL", "jdbc:postgresql://" + clusterName + "-rw:5432/" + database);
			assertThat(secretKey(container, "DB_USER")).as(service).isEqualTo(secret + "/username");
			assertThat(secretKey(container, "DB_PASSWORD")).as(service).isEqualTo(secret + "/password");
			String owner = ownerOfDatabase.get(database);
			assertThat(owner).as("the database %s exists", database).isNotNull();
			assertThat(secretOfRole).as("%s's owner %s logs in with the Secret %s", database, owner, secret)
				.containsEntry(owner, secret);
		}
		assertThat(ownerOfDatabase.keySet()).as("no database without a service").isEqualTo(used);
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void collectorRunsTheSharedConfigurationAndEveryServiceSendsToIt(String overlay) throws Exception {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		V1Deployment collector = manifests.deployment("otel-collector");
		V1Container container = collectorContainer(manifests);
		V1VolumeMount mount = container.getVolumeMounts().get(0);
		V1Volume volume = collector.getSpec()
			.getTemplate()
			.getSpec()
			.getVolumes()
			.stream()
			.filter((candidate) -> candidate.getName().equals(mount.getName()))
			.findFirst()
			.orElseThrow();
		V1ConfigMap config = manifests.configMap(volume.getConfigMap().getName());
		assertThat(config.getData()).as("the collector's configuration is observability/otel/collector.yaml")
			.containsOnly(Map.entry("collector.yaml", collectorConfiguration()));
		assertThat(container.getArgs()).contains("--config=" + mount.getMountPath() + "/collector.yaml");

		Map<String, String> environment = manifests.environment(container);
		assertThat(environment.keySet()).isEqualTo(collectorVariables());
		assertThat(environment.values()).allSatisfy((value) -> assertThat(value).isNotBlank());
		String forwardTo = environment.get("JAEGER_OTLP_ENDPOINT");
		if (!forwardTo.split(":")[0].contains(".")) {
			Target backend = reachedThrough(manifests, forwardTo.split(":")[0],
					Integer.parseInt(forwardTo.split(":")[1]));
			assertThat(backend.containerPort()).as("Jaeger's OTLP/gRPC port").isEqualTo(4317);
		}

		assertThat(containerPort(container, httpGet(container.getReadinessProbe(), "collector readiness").getPort()))
			.as("the health_check extension's port")
			.isEqualTo(13133);
		for (String service : APPLICATIONS) {
			URI endpoint = URI
				.create(manifests.environment(manifests.container(service)).get("OTEL_EXPORTER_OTLP_ENDPOINT"));
			Target target = reachedThrough(manifests, endpoint.getHost(), endpoint.getPort());
			assertThat(target.deployment()).as(service).isEqualTo("otel-collector");
			assertThat(target.containerPort()).as("the collector receives OTLP/HTTP").isEqualTo(4318);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void networkPoliciesSelectPodsThatExist(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		List<Pod> pods = pods(manifests);
		for (V1NetworkPolicy policy : manifests.networkPolicies()) {
			String name = policy.getMetadata().getName();
			assertThat(pods).as("pods selected by the policy %s", name)
				.anyMatch((pod) -> NetworkReachability.selects(policy.getSpec().getPodSelector(), pod.labels()));
			List<V1NetworkPolicyPeer> peers = new ArrayList<>();
			Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<V1NetworkPolicyIngressRule>of())
				.forEach((rule) -> peers.addAll(Objects.requireNonNullElse(rule.getFrom(), List.of())));
			Objects.requireNonNullElse(policy.getSpec().getEgress(), List.<V1NetworkPolicyEgressRule>of())
				.forEach((rule) -> peers.addAll(Objects.requireNonNullElse(rule.getTo(), List.of())));
			for (V1NetworkPolicyPeer peer : peers) {
				if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
					assertThat(pods).as("pods of the peer %s in the policy %s", peer.getPodSelector(), name)
						.anyMatch((pod) -> NetworkReachability.selects(peer.getPodSelector(), pod.labels()));
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void networkPoliciesLetThroughTheCallsTheSystemMakesAndNothingElse(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		List<Pod> pods = pods(manifests);
		List<V1NetworkPolicy> policies = new ArrayList<>(manifests.networkPolicies());
		policies.add(strimziListenerPolicy(single(manifests, "Kafka")));
		NetworkReachability network = new NetworkReachability(namespace(manifests), policies);

		Endpoint client = Endpoint.outside("198.51.100.7");
		Endpoint provider = Endpoint.outside("203.0.113.10");
		Endpoint cloudMetadata = Endpoint.outside("169.254.169.254");
		Endpoint ingressController = Endpoint.of(new Pod("ingress-controller", "ingress-nginx",
				Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of()));
		Endpoint prometheus = Endpoint
			.of(new Pod("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), Map.of()));
		Endpoint postgresOperator = Endpoint.of(new Pod("cnpg-controller-manager", "cnpg-system",
				Map.of("app.kubernetes.io/name", "cloudnative-pg"), Map.of()));
		Endpoint dns = Endpoint.of(new Pod("coredns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of("dns", 53)));
		Endpoint stranger = Endpoint.of(new Pod("stranger", "another-team", Map.of("app", "stranger"), Map.of()));
		Endpoint broker = Endpoint.of(pod(pods, "strimzi.io/broker-role", "true"));
		Endpoint postgres = Endpoint.of(pod(pods, "cnpg.io/cluster", name(single(manifests, "Cluster"))));
		Map<String, Endpoint> service = new LinkedHashMap<>();
		for (String name : APPLICATIONS) {
			service.put(name, Endpoint.of(pod(pods, "app.kubernetes.io/name", name)));
		}
		Endpoint issuer = service.get(ISSUER);
		int issuerPort = ServiceFacts.port(ISSUER);
		Endpoint collector = Endpoint.of(pod(pods, "app.kubernetes.io/name", "otel-collector"));
		int kafkaPort = (Integer) plainListener(single(manifests, "Kafka")).get("port");

		SoftAssertions softly = new SoftAssertions();
		Expectations expect = new Expectations(network, softly);
		expect.allowed(client, service.get("gateway"), 8080);
		expect.allowed(ingressController, service.get("gateway"), 8080);
		for (String name : List.of("order-service", "inventory-service", "payment-service", "saga-orchestrator")) {
			expect.allowed(service.get("gateway"), service.get(name), ServiceFacts.port(name));
			expect.denied(client, service.get(name), ServiceFacts.port(name));
			expect.denied(stranger, service.get(name), ServiceFacts.port(name));
		}
		expect.allowed(service.get("order-service"), service.get("inventory-service"), 8082);
		expect.allowed(service.get("order-service"), service.get("payment-service"), 8083);
		expect.denied(service.get("inventory-service"), service.get("payment-service"), 8083);
		expect.denied(service.get("payment-service"), service.get("order-service"), 8081);
		expect.denied(service.get("saga-orchestrator"), service.get("order-service"), 8081);
		expect.denied(service.get("saga-orchestrator"), service.get("payment-service"), 8083);
		expect.denied(service.get("order-service"), service.get("gateway"), 8080);
		for (String name : APPLICATIONS) {
			expect.allowed(service.get(name), collector, 4318);
			expect.allowedUdp(service.get(name), dns, 53);
			expect.allowed(prometheus, service.get(name), ServiceFacts.port(name));
		}
		// users sign in and take tokens at the issuer; the gateway and the services fetch
		// its
		// keys; it reaches its database and nothing of the system
		expect.allowed(client, issuer, issuerPort);
		expect.allowed(ingressController, issuer, issuerPort);
		for (String name : SERVICES) {
			expect.allowed(service.get(name), issuer, issuerPort);
			expect.denied(issuer, service.get(name), ServiceFacts.port(name));
		}
		expect.allowed(issuer, postgres, 5432);
		expect.denied(issuer, broker, kafkaPort);
		expect.denied(issuer, provider, 443);
		expect.denied(issuer, cloudMetadata, 80);
		for (String name : kafkaServices()) {
			expect.allowed(service.get(name), broker, kafkaPort);
			expect.allowed(service.get(name), postgres, 5432);
		}
		expect.denied(service.get("gateway"), broker, kafkaPort);
		expect.denied(service.get("gateway"), postgres, 5432);
		expect.denied(stranger, broker, kafkaPort);
		expect.denied(stranger, postgres, 5432);
		expect.denied(client, postgres, 5432);
		expect.denied(stranger, collector, 4318);
		expect.allowed(postgres, postgres, 5432);
		expect.allowed(postgresOperator, postgres, 8000);
		expect.allowed(prometheus, postgres, 9187);
		expect.allowed(service.get("payment-service"), provider, 443);
		expect.denied(service.get("order-service"), provider, 443);
		expect.denied(service.get("gateway"), provider, 443);
		expect.denied(service.get("payment-service"), cloudMetadata, 80);
		expect.denied(service.get("payment-service"), cloudMetadata, 443);
		if (overlay.equals("local")) {
			Endpoint stub = Endpoint.of(pod(pods, "app.kubernetes.io/name", "payment-provider"));
			Endpoint jaeger = Endpoint.of(pod(pods, "app.kubernetes.io/name", "jaeger"));
			expect.allowed(service.get("payment-service"), stub, 8080);
			expect.denied(service.get("order-service"), stub, 8080);
			expect.denied(service.get("gateway"), stub, 8080);
			expect.allowed(collector, jaeger, 4317);
			expect.denied(service.get("order-service"), jaeger, 4317);
			expect.denied(stranger, jaeger, 4317);
		}
		softly.assertAll();
	}

	@Test
	void localOverlayRunsOneOfEverythingWithAStubProviderAndJaeger() throws Exception {
		RenderedManifests manifests = RenderedManifests.of("local");
		for (V1Deployment deployment : manifests.deployments()) {
			assertThat(deployment.getSpec().getReplicas()).as(deployment.getMetadata().getName()).isIn(null, 1);
		}
		assertThat(manifests.autoscalers()).isEmpty();
		assertThat(manifests.disruptionBudgets()).isEmpty();
		assertThat(value(single(manifests, "Cluster"), "spec", "postgresql", "synchronous"))
			.as("no standby to wait for")
			.isNull();

		V1Container wiremock = manifests.deployment("payment-provider")
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0);
		assertThat(wiremock.getImage()).as("the WireMock version ./stack runs")
			.matches(Pattern.quote("wiremock/wiremock:" + rootPomProperty("wiremock.version")) + "(-alpine)?");
		V1VolumeMount mappings = wiremock.getVolumeMounts()
			.stream()
			.filter((mount) -> mount.getMountPath().equals("/home/wiremock/mappings"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("WireMock's mappings are not mounted"));
		String configMap = manifests.deployment("payment-provider")
			.getSpec()
			.getTemplate()
			.getSpec()
			.getVolumes()
			.stream()
			.filter((volume) -> volume.getName().equals(mappings.getName()))
			.findFirst()
			.orElseThrow()
			.getConfigMap()
			.getName();
		Map<String, String> stubs = new TreeMap<>();
		try (Stream<Path> files = Files.list(ServiceFacts.ROOT.resolve("payment-service/psp/mappings"))) {
			for (Path file : files.toList()) {
				stubs.put(file.getFileName().toString(), Files.readString(file));
			}
		}
		assertThat(stubs).isNotEmpty();
		assertThat(new TreeMap<>(manifests.configMap(configMap).getData()))
			.as("k8s/overlays/local/psp holds payment-service/psp/mappings as they are")
			.isEqualTo(stubs);

		assertThat(manifests.environment(manifests.container("payment-service"))).containsEntry("PAYMENT_PROVIDER_URL",
				"http://payment-provider:8080");
		for (String service : List.of("inventory-service", "payment-service")) {
			assertThat(manifests.environment(manifests.container(service))).as("%s loads the demo data", service)
				.containsEntry("SPRING_PROFILES_ACTIVE", "demo");
		}
		assertThat(manifests.environment(collectorContainer(manifests))).containsEntry("JAEGER_OTLP_ENDPOINT",
				"jaeger:4317");
		assertThat(manifests.environment(manifests.container(ISSUER)))
			.as("the issuer as you reach it: kubectl port-forward service/auth-server %1$d:%1$d (README)",
					ServiceFacts.port(ISSUER))
			.containsEntry("AUTH_ISSUER", "http://localhost:" + ServiceFacts.port(ISSUER));
	}

	@Test
	void productionScalesEachServiceOnCpuAndLimitsDisruptions() {
		RenderedManifests manifests = RenderedManifests.of("production");
		assertThat(manifests.find("Deployment", "payment-provider")).as("no stub payment provider").isEmpty();
		assertThat(manifests.find("Deployment", "jaeger")).as("no in-memory Jaeger").isEmpty();
		int partitions = ServiceFacts.topics().values().stream().mapToInt(Integer::intValue).min().orElseThrow();
		for (String service : APPLICATIONS) {
			V1Deployment deployment = manifests.deployment(service);
			Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			assertThat(deployment.getSpec().getReplicas()).as("%s's replicas are the autoscaler's to set", service)
				.isNull();

			List<V2HorizontalPodAutoscaler> autoscalers = manifests.autoscalers()
				.stream()
				.filter((hpa) -> hpa.getSpec().getScaleTargetRef().getName().equals(service))
				.toList();
			assertThat(autoscalers).as(service).hasSize(1);
			V2HorizontalPodAutoscaler autoscaler = autoscalers.get(0);
			assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
			assertThat(autoscaler.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
			int min = autoscaler.getSpec().getMinReplicas();
			int max = autoscaler.getSpec().getMaxReplicas();
			assertThat(min).as("%s keeps serving while one pod is down", service).isGreaterThanOrEqualTo(2);
			assertThat(max).as(service).isGreaterThan(min);
			assertThat(autoscaler.getSpec().getMetrics()).as(service)
				.anySatisfy((metric) -> assertCpuUtilization(metric, service));
			if (ServiceFacts.placeholders(service).contains("KAFKA_BOOTSTRAP")) {
				int concurrency = Integer.parseInt(Objects.requireNonNullElse(
						manifests.environment(manifests.container(service)).get("KAFKA_CONCURRENCY"), "1"));
				assertThat(max * concurrency).as("%s's consumers at most, one per partition", service)
					.isLessThanOrEqualTo(partitions);
			}

			List<V1PodDisruptionBudget> budgets = manifests.disruptionBudgets()
				.stream()
				.filter((budget) -> NetworkReachability.selects(budget.getSpec().getSelector(), labels))
				.toList();
			assertThat(budgets).as(service).hasSize(1);
			IntOrString maxUnavailable = budgets.get(0).getSpec().getMaxUnavailable();
			assertThat(maxUnavailable).as(service).isEqualTo(new IntOrString(1));
		}
		assertThat(manifests.deployment("otel-collector").getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
		assertThat(manifests.disruptionBudgets()).anySatisfy((budget) -> assertThat(NetworkReachability
			.selects(budget.getSpec().getSelector(), Map.of("app.kubernetes.io/name", "otel-collector"))).isTrue());
	}

	@Test
	void productionSpreadsEveryPodAcrossZonesAndNodes() {
		RenderedManifests manifests = RenderedManifests.of("production");
		List<V1Deployment> deployments = manifests.deployments();
		for (V1Deployment deployment : deployments) {
			String name = deployment.getMetadata().getName();
			Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			List<V1TopologySpreadConstraint> constraints = Objects.requireNonNullElse(
					deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints(), List.of());
			assertThat(constraints).extracting(V1TopologySpreadConstraint::getTopologyKey)
				.as(name)
				.contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
			for (V1TopologySpreadConstraint constraint : constraints) {
				Map<String, String> selector = effectiveSelector(constraint, labels);
				assertThat(selector.entrySet()).as("%s counts its own pods", name).isSubsetOf(labels.entrySet());
				for (V1Deployment other : deployments) {
					if (other != deployment) {
						assertThat(other.getSpec()
							.getTemplate()
							.getMetadata()
							.getLabels()
							.entrySet()
							.containsAll(selector.entrySet()))
							.as("%s's spread counts no pod of %s", name, other.getMetadata().getName())
							.isFalse();
					}
				}
			}
		}

		Map<String, Object> kafka = single(manifests, "Kafka");
		assertThat(value(kafka, "spec", "kafka", "rack", "topologyKey")).as("each partition's replicas in three zones")
			.isEqualTo("topology.kubernetes.io/zone");
		for (Map<String, Object> pool : manifests.ofKind("KafkaNodePool")) {
			assertThat(value(pool, "spec", "template", "pod", "topologySpreadConstraints")).as(name(pool))
				.asInstanceOf(InstanceOfAssertFactories.LIST)
				.hasSize(2);
		}
		Map<String, Object> cluster = single(manifests, "Cluster");
		assertThat(value(cluster, "spec", "affinity", "podAntiAffinityType")).as("never two instances on one node")
			.isEqualTo("required");
		assertThat(value(cluster, "spec", "postgresql", "synchronous", "number"))
			.as("a commit is on a standby too before it returns")
			.isEqualTo(1);
	}

	@Test
	void productionNamesTheRealProviderAndTracingBackendAndLoadsNoDemoData() {
		RenderedManifests manifests = RenderedManifests.of("production");
		URI provider = URI
			.create(manifests.environment(manifests.container("payment-service")).get("PAYMENT_PROVIDER_URL"));
		assertThat(provider.getScheme()).isEqualTo("https");
		assertThat(provider.getHost()).as("outside the cluster").contains(".");
		assertThat(manifests.environment(collectorContainer(manifests)).get("JAEGER_OTLP_ENDPOINT"))
			.as("a backend outside this namespace")
			.doesNotStartWith("jaeger:");
		for (String service : SERVICES) {
			assertThat(manifests.environment(manifests.container(service))).as(service)
				.doesNotContainKey("SPRING_PROFILES_ACTIVE");
		}
		URI issuer = URI.create(manifests.environment(manifests.container(ISSUER)).get("AUTH_ISSUER"));
		assertThat(issuer.getScheme()).as("tokens are handed out over TLS").isEqualTo("https");
		assertThat(issuer.getHost()).as("the public address of your Ingress").contains(".");
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void theIssuerSignsWithKeysFromASecretMountedWholeAndTheServicesTrustIt(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		V1Deployment deployment = manifests.deployment(ISSUER);
		V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		V1Container container = manifests.container(ISSUER);
		Map<String, String> environment = manifests.environment(container);

		String keysDir = environment.get("AUTH_KEYS_DIR");
		assertThat(keysDir).isNotBlank();
		V1VolumeMount mount = container.getVolumeMounts()
			.stream()
			.filter((candidate) -> candidate.getMountPath().equals(keysDir))
			.findFirst()
			.orElseThrow(() -> new AssertionError("nothing is mounted at AUTH_KEYS_DIR " + keysDir));
		assertThat(mount.getReadOnly()).as("the issuer only reads its keys").isTrue();
		assertThat(mount.getSubPath()).as("a subPath mount would never see the Secret change").isNull();
		V1Volume volume = pod.getVolumes()
			.stream()
			.filter((candidate) -> candidate.getName().equals(mount.getName()))
			.findFirst()
			.orElseThrow();
		assertThat(volume.getSecret()).as("the keys come from a Secret you create").isNotNull();
		assertThat(volume.getSecret().getItems())
			.as("every key of the Secret is a file: rotating is adding one to the Secret")
			.isNullOrEmpty();
		assertThat(volume.getSecret().getOptional()).as("no pod starts without keys").isNotEqualTo(Boolean.TRUE);
		int mode = volume.getSecret().getDefaultMode();
		assertThat(mode & 0007).as("the keys are not readable by every user of the node").isZero();
		assertThat(mode & 0040).as("the keys are readable by the pod's group").isNotZero();
		assertThat(pod.getSecurityContext().getFsGroup()).as("the keys' files belong to the process's group")
			.isEqualTo(pod.getSecurityContext().getRunAsGroup());
		assertThat(secretKey(container, "AUTH_TOOLS_CLIENT_SECRET")).as("the tools client's secret").isNotNull();

		URI issuer = URI.create(Objects.requireNonNull(environment.get("AUTH_ISSUER"), "the overlay sets AUTH_ISSUER"));
		assertThat(issuer.getPath()).isEmpty();
		assertThat(environment).as("the audience the issuer puts in its tokens").containsKey("AUTH_AUDIENCE");
		for (String service : SERVICES) {
			Map<String, String> variables = manifests.environment(manifests.container(service));
			assertThat(variables).as(service)
				.containsKeys(ServiceFacts.RESOURCE_SERVER_VARIABLES.toArray(String[]::new))
				.containsEntry("AUTH_ISSUER", issuer.toString())
				.containsEntry("AUTH_AUDIENCE", environment.get("AUTH_AUDIENCE"));
			URI keys = URI.create(variables.get("AUTH_JWK_SET_URI"));
			assertThat(keys.getPath()).as(service).isEqualTo(ServiceFacts.JWK_SET_PATH);
			Target target = reachedThrough(manifests, keys.getHost(), keys.getPort());
			assertThat(target.deployment()).as("%s fetches the keys inside the cluster", service).isEqualTo(ISSUER);
			assertThat(target.containerPort()).isEqualTo(ServiceFacts.port(ISSUER));
			assertThat(variables.get("AUTH_ROLES_CLAIM")).as(service).isNotBlank();
			assertThat(variables.get("AUTH_PRINCIPAL_CLAIM")).as(service).isNotBlank();
		}
	}

	private static void assertCpuUtilization(V2MetricSpec metric, String service) {
		assertThat(metric.getType()).isEqualTo("Resource");
		assertThat(metric.getResource().getName()).isEqualTo("cpu");
		assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
		assertThat(metric.getResource().getTarget().getAverageUtilization()).as(service).isBetween(1, 100);
	}

	private static void assertRestricted(Map<String, Object> pod, Map<String, Object> container, String described) {
		assertThat(pod.get("runAsNonRoot")).as("%s runs as non-root", described).isEqualTo(true);
		assertThat(value(pod, "seccompProfile", "type")).as(described).isEqualTo("RuntimeDefault");
		assertThat(container.get("allowPrivilegeEscalation")).as(described).isEqualTo(false);
		assertThat(value(container, "capabilities", "drop")).as(described)
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.containsExactly("ALL");
	}

	/** The services that talk to Kafka (and PostgreSQL): all but the gateway. */
	private static List<String> kafkaServices() {
		return SERVICES.stream()
			.filter((service) -> ServiceFacts.placeholders(service).contains("KAFKA_BOOTSTRAP"))
			.toList();
	}

	private static Map<String, Object> single(RenderedManifests manifests, String kind) {
		List<Map<String, Object>> objects = manifests.ofKind(kind);
		assertThat(objects).as("one %s in %s", kind, manifests.overlay).hasSize(1);
		return objects.get(0);
	}

	private static String namespace(RenderedManifests manifests) {
		return name(single(manifests, "Namespace"));
	}

	private static int brokers(RenderedManifests manifests, String cluster) {
		int brokers = 0;
		for (Map<String, Object> pool : manifests.ofKind("KafkaNodePool")) {
			if (cluster.equals(map(pool, "metadata", "labels").get("strimzi.io/cluster"))
					&& ((List<?>) value(pool, "spec", "roles")).contains("broker")) {
				brokers += (Integer) value(pool, "spec", "replicas");
			}
		}
		return brokers;
	}

	private static Map<String, Object> plainListener(Map<String, Object> kafka) {
		for (Object listener : (List<?>) value(kafka, "spec", "kafka", "listeners")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> settings = (Map<String, Object>) listener;
			if ("internal".equals(settings.get("type")) && Boolean.FALSE.equals(settings.get("tls"))) {
				return settings;
			}
		}
		throw new AssertionError("the Kafka cluster has no plain internal listener, which the services use");
	}

	private static int integer(Object value) {
		return Integer.parseInt(String.valueOf(value));
	}

	private static List<V1Container> containers(V1Deployment deployment) {
		V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		List<V1Container> containers = new ArrayList<>(pod.getContainers());
		containers.addAll(Objects.requireNonNullElse(pod.getInitContainers(), List.of()));
		return containers;
	}

	private static List<V1Container> podContainers(V1Deployment deployment) {
		return deployment.getSpec().getTemplate().getSpec().getContainers();
	}

	private static V1Container collectorContainer(RenderedManifests manifests) {
		return manifests.deployment("otel-collector").getSpec().getTemplate().getSpec().getContainers().get(0);
	}

	private static String collectorConfiguration() {
		return ServiceFacts.read(ServiceFacts.ROOT.resolve("observability/otel/collector.yaml"));
	}

	private static Set<String> collectorVariables() {
		Set<String> variables = new TreeSet<>();
		Matcher matcher = COLLECTOR_VARIABLE.matcher(collectorConfiguration());
		while (matcher.find()) {
			variables.add(matcher.group(1));
		}
		return variables;
	}

	private static boolean isFromSecret(V1Container container, String variable) {
		return secretKey(container, variable) != null;
	}

	/** "secret/key" of a variable that comes from a Secret, or null. */
	private static String secretKey(V1Container container, String variable) {
		for (V1EnvVar candidate : Objects.requireNonNullElse(container.getEnv(), List.<V1EnvVar>of())) {
			if (candidate.getName().equals(variable) && candidate.getValueFrom() != null
					&& candidate.getValueFrom().getSecretKeyRef() != null) {
				V1SecretKeySelector selector = candidate.getValueFrom().getSecretKeyRef();
				return selector.getName() + "/" + selector.getKey();
			}
		}
		return null;
	}

	private static V1HTTPGetAction httpGet(V1Probe probe, String described) {
		assertThat(probe).as(described).isNotNull();
		assertThat(probe.getHttpGet()).as(described).isNotNull();
		return probe.getHttpGet();
	}

	private static int startupBudgetSeconds(V1Probe probe) {
		int period = Objects.requireNonNullElse(probe.getPeriodSeconds(), 10);
		int failures = Objects.requireNonNullElse(probe.getFailureThreshold(), 3);
		return Objects.requireNonNullElse(probe.getInitialDelaySeconds(), 0) + period * failures;
	}

	private static int containerPort(V1Container container, IntOrString port) {
		return containerPort(List.of(container), port);
	}

	/** The declared container port a number or a port name designates. */
	private static int containerPort(List<V1Container> containers, IntOrString port) {
		for (V1Container container : containers) {
			for (V1ContainerPort candidate : Objects.requireNonNullElse(container.getPorts(),
					List.<V1ContainerPort>of())) {
				if (port.isInteger() ? candidate.getContainerPort().equals(port.getIntValue())
						: port.getStrValue().equals(candidate.getName())) {
					return candidate.getContainerPort();
				}
			}
		}
		throw new AssertionError("no container declares the port " + port);
	}

	private static boolean temporaryDirectory(V1PodSpec pod, V1Container container) {
		return Objects.requireNonNullElse(container.getVolumeMounts(), List.<V1VolumeMount>of())
			.stream()
			.filter((mount) -> mount.getMountPath().equals("/tmp"))
			.anyMatch((mount) -> pod.getVolumes()
				.stream()
				.anyMatch((volume) -> volume.getName().equals(mount.getName()) && volume.getEmptyDir() != null));
	}

	private static V1Deployment selectedDeployment(RenderedManifests manifests, V1Service service) {
		Map<String, String> selector = service.getSpec().getSelector();
		assertThat(selector).as("Service %s selects pods", service.getMetadata().getName()).isNotEmpty();
		List<V1Deployment> selected = manifests.deployments()
			.stream()
			.filter((deployment) -> deployment.getSpec()
				.getTemplate()
				.getMetadata()
				.getLabels()
				.entrySet()
				.containsAll(selector.entrySet()))
			.toList();
		assertThat(selected).as("Deployments behind the Service %s", service.getMetadata().getName()).hasSize(1);
		return selected.get(0);
	}

	private record Target(String deployment, int containerPort) {
	}

	/**
	 * Where host:port leads in the cluster: the Service's Deployment and the port it
	 * reaches.
	 */
	private static Target reachedThrough(RenderedManifests manifests, String host, int port) {
		V1Service service = manifests.services()
			.stream()
			.filter((candidate) -> candidate.getMetadata().getName().equals(host))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Service " + host + " in " + manifests.overlay));
		V1ServicePort servicePort = service.getSpec()
			.getPorts()
			.stream()
			.filter((candidate) -> candidate.getPort() == port)
			.findFirst()
			.orElseThrow(() -> new AssertionError("the Service " + host + " has no port " + port));
		V1Deployment deployment = selectedDeployment(manifests, service);
		return new Target(deployment.getMetadata().getName(),
				containerPort(podContainers(deployment), servicePort.getTargetPort()));
	}

	/**
	 * The pods the overlay makes: its Deployments', and those the operators make from its
	 * custom resources, with the labels Strimzi and CloudNativePG give them.
	 */
	private static List<Pod> pods(RenderedManifests manifests) {
		String namespace = namespace(manifests);
		List<Pod> pods = new ArrayList<>();
		for (V1Deployment deployment : manifests.deployments()) {
			Map<String, Integer> ports = new LinkedHashMap<>();
			for (V1Container container : podContainers(deployment)) {
				for (V1ContainerPort port : Objects.requireNonNullElse(container.getPorts(),
						List.<V1ContainerPort>of())) {
					if (port.getName() != null) {
						ports.put(port.getName(), port.getContainerPort());
					}
				}
			}
			pods.add(new Pod(deployment.getMetadata().getName(), namespace,
					deployment.getSpec().getTemplate().getMetadata().getLabels(), ports));
		}
		for (Map<String, Object> pool : manifests.ofKind("KafkaNodePool")) {
			String cluster = (String) map(pool, "metadata", "labels").get("strimzi.io/cluster");
			List<?> roles = (List<?>) value(pool, "spec", "roles");
			pods.add(new Pod(cluster + "-" + name(pool) + "-0", namespace,
					Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka", "strimzi.io/name",
							cluster + "-kafka", "strimzi.io/pool-name", name(pool), "strimzi.io/broker-role",
							String.valueOf(roles.contains("broker")), "strimzi.io/controller-role",
							String.valueOf(roles.contains("controller"))),
					Map.of()));
		}
		for (Map<String, Object> cluster : manifests.ofKind("Cluster")) {
			pods.add(new Pod(name(cluster) + "-1", namespace,
					Map.of("cnpg.io/cluster", name(cluster), "cnpg.io/podRole", "instance"), Map.of()));
		}
		return pods;
	}

	private static Pod pod(List<Pod> pods, String label, String value) {
		return pods.stream()
			.filter((pod) -> value.equals(pod.labels().get(label)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no pod labelled " + label + "=" + value));
	}

	/**
	 * The ingress rules Strimzi generates for the brokers from the listeners: a
	 * listener's port, from its networkPolicyPeers, or from anywhere without them.
	 */
	private static V1NetworkPolicy strimziListenerPolicy(Map<String, Object> kafka) {
		String cluster = name(kafka);
		List<V1NetworkPolicyIngressRule> rules = new ArrayList<>();
		for (Object listener : (List<?>) value(kafka, "spec", "kafka", "listeners")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> settings = (Map<String, Object>) listener;
			List<V1NetworkPolicyPeer> peers = new ArrayList<>();
			for (Object peer : Objects.requireNonNullElse((List<?>) settings.get("networkPolicyPeers"), List.of())) {
				try {
					peers.add(V1NetworkPolicyPeer.fromJson(gson.toJson(peer)));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			rules.add(new V1NetworkPolicyIngressRule().from(peers.isEmpty() ? null : peers)
				.ports(List.of(new V1NetworkPolicyPort().protocol("TCP")
					.port(new IntOrString((Integer) settings.get("port"))))));
		}
		return new V1NetworkPolicy().metadata(new V1ObjectMeta().name(cluster + "-network-policy-kafka"))
			.spec(new V1NetworkPolicySpec()
				.podSelector(new V1LabelSelector().matchLabels(Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind",
						"Kafka", "strimzi.io/name", cluster + "-kafka")))
				.policyTypes(List.of("Ingress"))
				.ingress(rules));
	}

	/**
	 * A spread constraint's selector with the pod's own values of its matchLabelKeys
	 * added.
	 */
	private static Map<String, String> effectiveSelector(V1TopologySpreadConstraint constraint,
			Map<String, String> labels) {
		assertThat(constraint.getLabelSelector().getMatchExpressions()).isNullOrEmpty();
		Map<String, String> selector = new TreeMap<>(constraint.getLabelSelector().getMatchLabels());
		for (String key : Objects.requireNonNullElse(constraint.getMatchLabelKeys(), List.<String>of())) {
			if (labels.containsKey(key)) {
				selector.put(key, labels.get(key));
			}
		}
		return selector;
	}

	private static String rootPomProperty(String property) {
		Matcher matcher = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</")
			.matcher(ServiceFacts.read(ServiceFacts.ROOT.resolve("pom.xml")));
		assertThat(matcher.find()).as("the root pom.xml sets %s", property).isTrue();
		return matcher.group(1);
	}

	/** Connections that must get through, and ones that must not, checked all at once. */
	private record Expectations(NetworkReachability network, SoftAssertions softly) {

		void allowed(Endpoint from, Endpoint to, int port) {
			this.softly.assertThat(this.network.allows(from, to, "TCP", port))
				.as("%s may connect to %s on %d", from, to, port)
				.isTrue();
		}

		void allowedUdp(Endpoint from, Endpoint to, int port) {
			this.softly.assertThat(this.network.allows(from, to, "UDP", port))
				.as("%s may send to %s on UDP %d", from, to, port)
				.isTrue();
		}

		void denied(Endpoint from, Endpoint to, int port) {
			this.softly.assertThat(this.network.allows(from, to, "TCP", port))
				.as("%s may not connect to %s on %d", from, to, port)
				.isFalse();
		}

	}

}
