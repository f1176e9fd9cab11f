package com.example.orderflow.system.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.example.orderflow.system.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import com.example.orderflow.system.deployment.ChaosMesh.Mode;
import com.example.orderflow.system.deployment.ChaosMesh.NetworkAction;
import com.example.orderflow.system.deployment.ChaosMesh.NetworkChaos;
import com.example.orderflow.system.deployment.ChaosMesh.PodAction;
import com.example.orderflow.system.deployment.ChaosMesh.PodChaos;
import com.example.orderflow.system.deployment.ChaosMesh.PodSelectorSpec;
import com.example.orderflow.system.deployment.ChaosMesh.Resource;

import static com.example.orderflow.system.deployment.RenderedManifests.map;
import static com.example.orderflow.system.deployment.RenderedManifests.name;
import static com.example.orderflow.system.deployment.RenderedManifests.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Chaos Mesh resources of {@code k8s/chaos} and {@code chaos/kubernetes}, which runs
 * them as drills: each resource parsed strictly as Chaos Mesh defines it, its selectors
 * matched against the pods the rendered overlays make, every drill of the script backed
 * by a resource and every resource by a drill, and the local overlay's Kafka listener
 * that lets the drills' auditor read Kafka through a port-forward. Nothing here needs a
 * cluster.
 */
class ChaosMeshResourcesTests {

	private static final Path RESOURCES = ServiceFacts.ROOT.resolve("k8s/chaos");

	private static final Path SCRIPT = ServiceFacts.ROOT.resolve("chaos/kubernetes");

	/**
	 * One line of {@code chaos/kubernetes list}: drill, resource, default seconds, what
	 * happens.
	 */
	private static final Pattern LISTED = Pattern.compile("^  (\\S+)\\s+(\\S+)\\s+(\\d+) s  (.+)$");

	/** The longest a forgotten fault may stay on by itself. */
	private static final Duration SAFETY_NET_AT_MOST = Duration.ofMinutes(15);

	private static Map<String, Map<String, Object>> objects;

	private static Map<String, Resource> resources;

	private static Map<String, Drill> drills;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readResourcesAndDrills() throws IOException {
		objects = new TreeMap<>();
		try (Stream<Path> files = Files.list(RESOURCES)) {
			for (Path file : files.sorted().toList()) {
				List<Object> documents = new ArrayList<>();
				new Yaml().loadAll(Files.readString(file)).forEach(documents::add);
				assertThat(documents).as("%s holds one resource: kubectl apply -f runs one drill's fault", file)
					.hasSize(1);
				objects.put("k8s/chaos/" + file.getFileName(), (Map<String, Object>) documents.get(0));
			}
		}
		resources = new TreeMap<>();
		objects.forEach((file, object) -> resources.put(file, ChaosMesh.parse(object)));
		drills = new LinkedHashMap<>();
		for (String line : CommandLine.run(ServiceFacts.ROOT, SCRIPT.toString(), "list").split("\n")) {
			Matcher listed = LISTED.matcher(line);
			if (listed.matches()) {
				drills.put(listed.group(1), new Drill(listed.group(1), listed.group(2),
						Integer.parseInt(listed.group(3)), listed.group(4)));
			}
		}
	}

	@Test
	void everyResourceIsAChaosMeshResourceItAccepts() {
		assertThat(objects).isNotEmpty();
		objects.forEach((file, object) -> assertThatCode(() -> ChaosMesh.parse(object).objectMeta()).as(file)
			.doesNotThrowAnyException());
		assertThat(resources.values()).allSatisfy((resource) -> assertThat(resource.metadata()).containsKey("name"));
	}

	@Test
	void theStrictModelRejectsWhatChaosMeshWouldRefuse() throws IOException {
		String partition = Files.readString(RESOURCES.resolve("cut-kafka.yaml"));
		assertThatCode(() -> parse(partition)).doesNotThrowAnyException();
		assertThatThrownBy(() -> parse(partition.replace("direction:", "directions:")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("directions");
		assertThatThrownBy(() -> parse(partition.replace("action: partition", "action: partitioned")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("partitioned");
		assertThatThrownBy(() -> parse(partition.replace("duration: 10m", "duration: 10min")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("10min");
		assertThatThrownBy(
				() -> parse(partition.replace("strimzi.io/broker-role: \"true\"", "strimzi.io/broker-role: true")))
			.as("label values are strings")
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> parse(partition.replace("  mode: all\n  selector:", "  mode: fixed\n  selector:")))
			.as("a fixed number of pods needs the number")
			.isInstanceOf(IllegalArgumentException.class);
		String kill = Files.readString(RESOURCES.resolve("kill-payment.yaml"));
		assertThatCode(() -> parse(kill)).doesNotThrowAnyException();
		assertThatThrownBy(() -> parse(kill.replace("action: pod-kill", "action: pod-failure")))
			.as("pod-failure lasts a duration")
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("duration");
		assertThatThrownBy(() -> parse(kill.replace("gracePeriod: 0", "gracePeriod: \"0\""))).as("a number is a number")
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> parse(kill.replace("  name: kill-payment", "  name: kill-payment\n  labelz: {}")))
			.as("metadata is Kubernetes' ObjectMeta")
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("labelz");
	}

	@Test
	void everyDrillHasItsResourceNamedAfterItAndEveryResourceADrill() {
		Set<String> used = new TreeSet<>();
		for (Drill drill : drills.values()) {
			if (drill.resource().equals("wiremock")) {
				assertThat(drill.name()).as("./stack chaos's own drills through WireMock's admin API")
					.startsWith("psp-");
				continue;
			}
			assertThat(resources).as("%s's resource", drill.name()).containsKey(drill.resource());
			assertThat(drill.resource()).isEqualTo("k8s/chaos/" + drill.name() + ".yaml");
			assertThat(resources.get(drill.resource()).objectMeta().getName()).isEqualTo(drill.name());
			used.add(drill.resource());
		}
		assertThat(used).as("resources no drill runs").isEqualTo(resources.keySet());
		assertThat(drills.keySet()).as("the drills of issue 7")
			.contains("kill-orchestrator", "kill-payment", "kill-inventory", "kill-order", "restart-kafka",
					"restart-postgres", "cut-kafka", "psp-slow", "psp-down");
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void resourcesLiveInTheNamespaceOfTheirPodsAndSelectPodsTheOverlayRuns(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		String namespace = name(manifests.ofKind("Namespace").get(0));
		List<Pod> pods = pods(manifests, namespace);
		resources.forEach((file, resource) -> {
			assertThat(resource.objectMeta().getNamespace()).as(file).isEqualTo(namespace);
			assertThat(resource.scope().selector().namespaces()).as("%s names its namespace", file)
				.containsExactly(namespace);
			if (!file.endsWith("psp-latency.yaml") || overlay.equals("local")) {
				assertThat(selected(resource.scope().selector(), pods)).as("pods %s selects in %s", file, overlay)
					.isNotEmpty();
			}
		});
		assertThat(selected(resources.get("k8s/chaos/psp-latency.yaml").scope().selector(), pods))
			.as("WireMock runs in the local overlay only")
			.hasSize(overlay.equals("local") ? 1 : 0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void eachDrillHitsThePodsItIsNamedFor(String overlay) {
		RenderedManifests manifests = RenderedManifests.of(overlay);
		List<Pod> pods = pods(manifests, name(manifests.ofKind("Namespace").get(0)));
		Map<String, String> killed = Map.of("kill-orchestrator", "saga-orchestrator", "kill-payment", "payment-service",
				"kill-inventory", "inventory-service", "kill-order", "order-service");
		killed.forEach((drill, deployment) -> {
			PodChaos kill = (PodChaos) resource(drill);
			assertThat(kill.spec().action()).as(drill).isEqualTo(PodAction.POD_KILL);
			assertThat(kill.spec().mode()).as("%s kills the service, every pod of it", drill).isEqualTo(Mode.ALL);
			assertThat(kill.spec().gracePeriod()).as("%s gives no graceful shutdown", drill).isZero();
			assertThat(selected(kill.spec().selector(), pods)).as(drill).containsExactly(deployment);
		});

		PodChaos kafka = (PodChaos) resource("restart-kafka");
		assertThat(kafka.spec().action()).isEqualTo(PodAction.POD_KILL);
		assertThat(kafka.spec().mode()).as("one broker of three in production").isEqualTo(Mode.ONE);
		assertThat(selected(kafka.spec().selector(), pods)).isNotEmpty()
			.allSatisfy((pod) -> assertThat(pod).startsWith("orderflow-kafka-broker"));

		PodChaos postgres = (PodChaos) resource("restart-postgres");
		assertThat(postgres.spec().action()).isEqualTo(PodAction.POD_KILL);
		assertThat(selected(postgres.spec().selector(), pods)).as("the primary and no standby")
			.containsExactly("orderflow-db-primary");

		NetworkChaos cut = (NetworkChaos) resource("cut-kafka");
		assertThat(cut.spec().action()).isEqualTo(NetworkAction.PARTITION);
		assertThat(cut.spec().direction())
			.as("dropped both ways: a connection to the bootstrap Service's address"
					+ " is caught on the broker's side")
			.isEqualTo(ChaosMesh.Direction.BOTH);
		assertThat(selected(cut.spec().selector(), pods)).containsExactly("payment-service");
		assertThat(cut.spec().target().mode()).isEqualTo(Mode.ALL);
		assertThat(selected(cut.spec().target().selector(), pods)).isNotEmpty()
			.allSatisfy((pod) -> assertThat(pod).startsWith("orderflow-kafka-broker"));

		NetworkChaos latency = (NetworkChaos) resource("psp-latency");
		assertThat(latency.spec().action()).isEqualTo(NetworkAction.DELAY);
		assertThat(latency.spec().direction()).isEqualTo(ChaosMesh.Direction.TO);
		assertThat(selected(latency.spec().target().selector(), pods)).containsExactly("payment-service");
		assertThat(ChaosMesh.goDuration(latency.spec().delay().latency()))
			.as("longer than payment-service's time limit for the provider")
			.isGreaterThan(providerTimeLimit());
	}

	@Test
	void theScriptWaitsForThePodsItsResourceSelects() {
		for (Drill drill : drills.values()) {
			if (drill.resource().equals("wiremock")) {
				continue;
			}
			assertThat(selector(drill.pods()))
				.as("chaos/kubernetes %s looks at the pods %s selects", drill.name(), drill.resource())
				.isEqualTo(resources.get(drill.resource()).scope().selector().labelSelectors());
		}
	}

	@Test
	void durationsLetTheDrillHealAndHealForgottenFaults() {
		for (Drill drill : drills.values()) {
			assertThat(drill.seconds()).as("%s's default --fault-for", drill.name()).isBetween(5, 120);
			if (drill.resource().equals("wiremock")) {
				continue;
			}
			Resource resource = resources.get(drill.resource());
			if (resource instanceof PodChaos kill) {
				assertThat(kill.spec().action()).isEqualTo(PodAction.POD_KILL);
				assertThat(kill.duration()).as("%s: a pod-kill acts once, a duration would mean nothing", drill.name())
					.isNull();
			}
			else {
				assertThat(resource.duration()).as("%s heals itself if the drill never does", drill.name()).isNotNull();
				Duration safetyNet = ChaosMesh.goDuration(resource.duration());
				assertThat(safetyNet)
					.as("%s outlasts its drill's fault with room for a longer --fault-for", drill.name())
					.isGreaterThanOrEqualTo(Duration.ofSeconds(drill.seconds()).multipliedBy(5))
					.isLessThanOrEqualTo(SAFETY_NET_AT_MOST);
				CommandLine.Result tooLong = CommandLine.attempt(ServiceFacts.ROOT, SCRIPT.toString(), drill.name(),
						"--fault-for", String.valueOf(safetyNet.toSeconds()));
				assertThat(tooLong.exitCode()).as("chaos/kubernetes refuses a fault its resource would end first")
					.isEqualTo(2);
				assertThat(tooLong.output()).contains("duration");
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theLocalKafkaListenerAdvertisesThePortForwardedAddressAndProductionKeepsOnlyItsOwn() {
		Map<String, Object> local = kafka(RenderedManifests.of("local"));
		Map<String, Object> production = kafka(RenderedManifests.of("production"));
		List<Map<String, Object>> listeners = listeners(local);
		assertThat(listeners.get(0)).as("the local overlay restates the base's listener as it is")
			.isEqualTo(listeners(production).get(0));
		assertThat(listeners(production)).as("production gets no listener for a port-forward").hasSize(1);

		Map<String, Object> forward = listeners.stream()
			.filter((listener) -> "forward".equals(listener.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the local overlay has no listener \"forward\""));
		int port = (Integer) forward.get("port");
		assertThat(forward).containsEntry("type", "internal").containsEntry("tls", false);
		List<?> brokers = (List<?>) value(forward, "configuration", "brokers");
		int replicas = (Integer) value(RenderedManifests.of("local").ofKind("KafkaNodePool").get(0), "spec",
				"replicas");
		assertThat(brokers).as("one advertised address per broker").hasSize(replicas);
		for (Object broker : brokers) {
			assertThat((Map<String, Object>) broker).as("the address kubectl port-forward listens on")
				.containsEntry("advertisedHost", "127.0.0.1")
				.containsEntry("advertisedPort", port);
		}
		assertThat(value(forward, "networkPolicyPeers")).as("no pod may connect: a port-forward comes from inside")
			.isEqualTo(List.of(Map.of("ipBlock", Map.of("cidr", "127.0.0.1/32"))));
		assertThat(scriptVariable("KAFKA")).as("where chaos/kubernetes points the auditor")
			.isEqualTo("${CHAOS_KAFKA:-127.0.0.1:" + port + "}");
	}

	@Test
	void theScriptForwardsEveryPartToAPodListeningThereAndNamesSelectorsThatExist() {
		RenderedManifests manifests = RenderedManifests.of("local");
		List<Pod> pods = pods(manifests, name(manifests.ofKind("Namespace").get(0)));
		Map<Integer, String[]> forwards = new TreeMap<>();
		Matcher forward = Pattern.compile("^  \"(\\d+) (\\S+) (\\d+)\"$", Pattern.MULTILINE)
			.matcher(ServiceFacts.read(SCRIPT));
		while (forward.find()) {
			forwards.put(Integer.parseInt(forward.group(1)), new String[] { forward.group(2), forward.group(3) });
		}
		Map<String, String> urls = Map.of("GATEWAY", "gateway", "ORDER_SERVICE", "order-service", "INVENTORY_SERVICE",
				"inventory-service", "PAYMENT_SERVICE", "payment-service", "ORCHESTRATOR", "saga-orchestrator",
				"PAYMENT_PROVIDER", "payment-provider");
		urls.forEach((variable, deployment) -> {
			int local = Integer.parseInt(scriptVariable(variable).replace("http://127.0.0.1:", ""));
			assertThat(forwards).as("%s is forwarded", variable).containsKey(local);
			String[] target = forwards.get(local);
			assertThat(selected(
					new PodSelectorSpec(null, null, null, null, null, selector(target[0]), null, null, null), pods))
				.as("the pods behind %s", variable)
				.containsExactly(deployment);
			assertThat(manifests.deployment(deployment).getSpec().getTemplate().getSpec().getContainers())
				.as("%s's pods listen on %s", deployment, target[1])
				.anySatisfy((container) -> assertThat(container.getPorts())
					.anySatisfy((port) -> assertThat(port.getContainerPort()).isEqualTo(Integer.parseInt(target[1]))));
			if (!deployment.equals("payment-provider")) {
				assertThat(local).as("%s at the port ./stack gives it too", deployment)
					.isEqualTo(ServiceFacts.port(deployment));
			}
		});
		assertThat(scriptVariable("NAMESPACE")).isEqualTo(name(manifests.ofKind("Namespace").get(0)));
		for (String variable : List.of("KAFKA_BROKERS", "POSTGRES_PRIMARY")) {
			assertThat(selected(new PodSelectorSpec(null, null, null, null, null, selector(scriptVariable(variable)),
					null, null, null), pods))
				.as(variable)
				.hasSize(1);
		}
	}

	@Test
	void theScriptPassesBashAndShellcheck() {
		CommandLine.run(ServiceFacts.ROOT, "bash", "-n", SCRIPT.toString());
		CommandLine.run(ServiceFacts.ROOT, "shellcheck", SCRIPT.toString(), StandInCli.source("kubectl").toString());
		assertThat(SCRIPT.toFile().canExecute()).isTrue();
	}

	@Test
	void aPodKillIsCreatedAfreshDeletedToHealAndProvenByThePodsItReplaced(@TempDir Path temp) throws IOException {
		FakeCluster cluster = new FakeCluster(temp);
		cluster.pods("app.kubernetes.io/name=payment-service", "payment-service-5d8f9-abcde uid-1");

		assertThat(cluster.step("inject", "kill-payment").exitCode()).isZero();
		String resource = RESOURCES.resolve("kill-payment.yaml").toString();
		assertThat(cluster.calls()).as("a pod-kill left from an earlier drill would do nothing: created afresh")
			.containsSubsequence("--namespace orderflow delete -f " + resource + " --ignore-not-found --wait=true",
					"--namespace orderflow apply -f " + resource);

		assertThat(cluster.step("heal", "kill-payment").exitCode()).isZero();
		assertThat(cluster.calls()).as("healed: the resource gone, then everything ready again")
			.anySatisfy((call) -> assertThat(call).startsWith("--namespace orderflow delete -f " + resource))
			.anySatisfy((call) -> assertThat(call)
				.startsWith("--namespace orderflow rollout status deployment/" + "payment-service"))
			.anySatisfy((call) -> assertThat(call).startsWith("--namespace orderflow wait kafka/orderflow"));

		CommandLine.Result evidence = cluster.step("evidence", "kill-payment");
		assertThat(evidence.exitCode()).as(evidence.output()).isZero();
		assertThat(evidence.output()).contains("orderflow/payment-service-5d8f9-abcde Injected",
				"1 of the pods from before the fault were replaced");

		cluster.pods("app.kubernetes.io/name=payment-service", "payment-service-5d8f9-abcde uid-1");
		assertThat(cluster.step("evidence", "kill-payment").exitCode()).as("the same pod as before: not proven")
			.isNotZero();
	}

	@Test
	void aPartitionIsOnUntilDeletedAndProvenOnTheSamePods(@TempDir Path temp) throws IOException {
		FakeCluster cluster = new FakeCluster(temp);
		cluster.pods("app.kubernetes.io/name=payment-service", "payment-service-5d8f9-abcde uid-1");

		assertThat(cluster.step("inject", "cut-kafka").exitCode()).isZero();
		assertThat(cluster.step("evidence", "cut-kafka").exitCode()).as("still on: not healed yet").isNotZero();
		assertThat(cluster.step("heal", "cut-kafka").exitCode()).isZero();
		CommandLine.Result evidence = cluster.step("evidence", "cut-kafka");
		assertThat(evidence.exitCode()).as(evidence.output()).isZero();
		assertThat(evidence.output()).contains("1 of the pods from before the fault are the same pods now",
				"removed: yes");
	}

	/** Pods and Chaos Mesh resources kept as files for the stand-in kubectl. */
	private static final class FakeCluster {

		private final StandInCli kubectl;

		FakeCluster(Path folder) throws IOException {
			this.kubectl = new StandInCli(folder, "kubectl");
			Files.createDirectories(this.kubectl.state().resolve("pods"));
			Files.createDirectories(this.kubectl.state().resolve("chaos"));
			// what every heal waits for
			pods(scriptVariable("KAFKA_BROKERS"), "orderflow-dual-role-0 uid-kafka");
			pods(scriptVariable("POSTGRES_PRIMARY"), "orderflow-db-1 uid-postgres");
		}

		/** The pods a selector picks, "name uid" each. */
		void pods(String selector, String... pods) throws IOException {
			Files.writeString(this.kubectl.state().resolve("pods").resolve(selector.replace('/', '%')),
					String.join("\n", pods) + "\n");
		}

		List<String> calls() throws IOException {
			return this.kubectl.calls();
		}

		CommandLine.Result step(String step, String drill) {
			return this.kubectl.step(SCRIPT, step, drill);
		}

	}

	/** A drill as {@code chaos/kubernetes list} shows it. */
	private record Drill(String name, String resource, int seconds, String what) {

		/** The pods the script watches: its own table's third column. */
		String pods() {
			return ScriptTable.pods(this.name);
		}

	}

	/** A pod the overlay makes, named after what runs it. */
	private record Pod(String name, String namespace, Map<String, String> labels) {
	}

	/**
	 * The overlay's pods: its Deployments', and those the operators make, with the labels
	 * Strimzi (node pools) and CloudNativePG (instances, with their role) put on them.
	 */
	private static List<Pod> pods(RenderedManifests manifests, String namespace) {
		List<Pod> pods = new ArrayList<>();
		manifests.deployments()
			.forEach((deployment) -> pods.add(new Pod(deployment.getMetadata().getName(), namespace,
					deployment.getSpec().getTemplate().getMetadata().getLabels())));
		for (Map<String, Object> pool : manifests.ofKind("KafkaNodePool")) {
			String cluster = (String) map(pool, "metadata", "labels").get("strimzi.io/cluster");
			List<?> roles = (List<?>) value(pool, "spec", "roles");
			pods.add(new Pod(cluster + "-kafka-broker", namespace,
					Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka", "strimzi.io/name",
							cluster + "-kafka", "strimzi.io/pool-name", name(pool), "strimzi.io/broker-role",
							String.valueOf(roles.contains("broker")), "strimzi.io/controller-role",
							String.valueOf(roles.contains("controller")))));
		}
		for (Map<String, Object> cluster : manifests.ofKind("Cluster")) {
			int instances = (Integer) value(cluster, "spec", "instances");
			for (int i = 0; i < instances; i++) {
				String role = (i == 0) ? "primary" : "replica";
				pods.add(new Pod(name(cluster) + "-" + role + ((i == 0) ? "" : "-" + i), namespace,
						Map.of("cnpg.io/cluster", name(cluster), "cnpg.io/podRole", "instance", "cnpg.io/instanceRole",
								role)));
			}
		}
		return pods;
	}

	private static List<String> selected(PodSelectorSpec selector, List<Pod> pods) {
		return pods.stream().filter((pod) -> selector.selects(pod.namespace(), pod.labels())).map(Pod::name).toList();
	}

	private static Resource resource(String drill) {
		return resources.get("k8s/chaos/" + drill + ".yaml");
	}

	/** {@code a=b,c=d}, as kubectl -l reads it. */
	private static Map<String, String> selector(String labels) {
		return Stream.of(labels.split(","))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> pair[1]));
	}

	private static Map<String, Object> kafka(RenderedManifests manifests) {
		return manifests.ofKind("Kafka").get(0);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> listeners(Map<String, Object> kafka) {
		return (List<Map<String, Object>>) value(kafka, "spec", "kafka", "listeners");
	}

	private static Duration providerTimeLimit() {
		Matcher limit = Pattern.compile("timeout-duration: \\$\\{PSP_TIMEOUT:(\\w+)}")
			.matcher(
					ServiceFacts.read(ServiceFacts.ROOT.resolve("payment-service/src/main/resources/application.yml")));
		assertThat(limit.find()).as("payment-service's time limit for the provider").isTrue();
		return ChaosMesh.goDuration(limit.group(1));
	}

	/** The resource strictly, metadata included. */
	private static Resource parse(String yaml) {
		Resource resource = ChaosMesh.parse(new Yaml().load(yaml));
		resource.objectMeta();
		return resource;
	}

	/** A variable the script sets at its top, as written, without its quotes. */
	private static String scriptVariable(String name) {
		Matcher matcher = Pattern.compile("^" + name + "=\"?(.+?)\"?$", Pattern.MULTILINE)
			.matcher(ServiceFacts.read(SCRIPT));
		assertThat(matcher.find()).as("chaos/kubernetes sets %s", name).isTrue();
		return matcher.group(1);
	}

	/** The script's DRILLS table, for what {@code list} does not show. */
	private static final class ScriptTable {

		private static final Pattern ROW = Pattern.compile("^  \"([a-z-]+)\\|([^|]+)\\|([^|]+)\\|(\\d+)\\|",
				Pattern.MULTILINE);

		static String pods(String drill) {
			Matcher row = ROW.matcher(ServiceFacts.read(SCRIPT));
			while (row.find()) {
				if (row.group(1).equals(drill)) {
					String pods = row.group(3);
					return pods.startsWith("$") ? scriptVariable(pods.substring(1)) : pods;
				}
			}
			throw new AssertionError("chaos/kubernetes has no row for " + drill);
		}

	}

}
