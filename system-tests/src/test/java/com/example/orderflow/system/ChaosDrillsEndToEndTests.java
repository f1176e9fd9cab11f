package com.example.orderflow.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.orderflow.system.LocalStack.ChaosRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every drill of {@code ./stack chaos}, short and bounded, against one
 * {@code ./stack up}: the fault really happens (its own check), the auditor's verdict is
 * PASS with every invariant held, the command exits 0 and writes its three reports. The
 * auditor's ability to fail is proven by its unit tests in load-test.
 */
class ChaosDrillsEndToEndTests {

	/**
	 * A few seconds of load at a low rate: enough orders in flight when the fault hits.
	 * Options given after these win.
	 */
	private static final String[] SHORT = { "--rate", "5", "--duration", "8", "--fault-at", "2", "--settle", "240" };

	private static final JsonMapper json = JsonMapper.builder().build();

	private static LocalStack stack;

	@BeforeAll
	static void startStack() {
		stack = new LocalStack().withShortKafkaSessions().withoutTracingAgent().withChaosMonkey().up();
		warmUp(ShopClient.throughGateway(stack.gatewayUrl(), stack.toolsToken()));
	}

	/**
	 * A cold stack takes seconds per saga (JIT, connection pools): without a few sagas
	 * first, the first drill's orders could reach the payment provider only after its
	 * fault was over, and a replay would find nothing consumed yet.
	 */
	private static void warmUp(ShopClient shop) {
		String sku = ShopClient.uniqueSku("WARM");
		shop.putProduct(sku, 100, 100);
		String customer = ShopClient.uniqueCustomer("warm");
		shop.deposit(customer, 100_000);
		List<UUID> orders = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			orders.add(shop.placeOrder(customer, Map.of(sku, 1)));
		}
		orders.forEach((orderId) -> shop.awaitFinished(orderId, Duration.ofMinutes(2)));
	}

	private static void placeOneOrderAndAwaitIt(ShopClient shop) {
		String sku = ShopClient.uniqueSku("AFTER");
		shop.putProduct(sku, 10, 100);
		String customer = ShopClient.uniqueCustomer("after");
		shop.deposit(customer, 1_000);
		shop.awaitFinished(shop.placeOrder(customer, Map.of(sku, 1)), Duration.ofMinutes(2));
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void killOrchestratorMidSagaAndRestartIt() {
		long before = stack.pid("saga-orchestrator");
		assertPasses("kill-orchestrator", "--fault-for", "2");
		assertThat(stack.pid("saga-orchestrator")).isNotEqualTo(before);
	}

	@Test
	void killPaymentMidSagaAndRestartIt() {
		long before = stack.pid("payment-service");
		assertPasses("kill-payment", "--fault-for", "2");
		assertThat(stack.pid("payment-service")).isNotEqualTo(before);
	}

	@Test
	void killInventoryMidSagaAndRestartIt() {
		long before = stack.pid("inventory-service");
		assertPasses("kill-inventory", "--fault-for", "2");
		assertThat(stack.pid("inventory-service")).isNotEqualTo(before);
	}

	@Test
	void killOrderServiceMidSagaAndRestartIt() {
		long gateway = stack.pid("gateway");
		long before = stack.pid("order-service");
		assertPasses("kill-order", "--fault-for", "2");
		assertThat(stack.pid("order-service")).isNotEqualTo(before);
		assertThat(stack.pid("gateway")).as("./stack up restarts only what died").isEqualTo(gateway);
	}

	/** Past the 10 s session of {@link LocalStack#withShortKafkaSessions()}. */
	@Test
	void pauseInventoryPastItsSessionTimeoutAndResumeIt() {
		long before = stack.pid("inventory-service");
		assertPasses("pause-inventory", "--fault-for", "13");
		assertThat(stack.pid("inventory-service")).as("paused, not restarted").isEqualTo(before);
	}

	@Test
	void slowPaymentProvider() {
		JsonNode report = assertPasses("psp-slow", "--duration", "12", "--fault-at", "4", "--fault-for", "8");
		assertThat(report.path("marks").toString()).contains("every capture answered after 3000 ms");
	}

	@Test
	void failingPaymentProvider() {
		JsonNode report = assertPasses("psp-down", "--duration", "12", "--fault-at", "4", "--fault-for", "8");
		assertThat(report.path("marks").toString()).contains("answered 503", "connection reset by peer");
	}

	@Test
	void restartKafkaMidSaga() {
		long before = stack.pid("kafka");
		assertPasses("restart-kafka", "--fault-for", "3");
		assertThat(stack.pid("kafka")).isNotEqualTo(before);
	}

	/**
	 * The tests' PostgreSQL server is the machine's: nothing else may use it while this
	 * runs (the test command runs one test class at a time).
	 */
	@Test
	void restartPostgresMidSaga() {
		JsonNode report = assertPasses("restart-postgres", "--fault-for", "3");
		assertThat(report.path("marks").toString()).contains("stop -m immediate");
	}

	/**
	 * Past the 10 s session of {@link LocalStack#withShortKafkaSessions()}. Afterwards
	 * the service is back on Kafka without the drill's proxy, which died with the drill.
	 */
	@Test
	void cutPaymentServiceOffFromKafkaPastItsSessionTimeout() {
		JsonNode report = assertPasses("cut-kafka", "--service", "payment-service", "--fault-for", "13");
		assertThat(report.path("marks").toString()).contains("cut payment-service off from Kafka");
		placeOneOrderAndAwaitIt(ShopClient.throughGateway(stack.gatewayUrl(), stack.toolsToken()));
	}

	/**
	 * How the compose and Kubernetes drills work, run here with this stack's own
	 * commands: the user's shell lines inject, heal and prove the fault.
	 */
	@Test
	void externalDrillInjectsHealsAndProvesWithTheUsersCommands() {
		long before = stack.pid("payment-service");
		String pidFile = stack.runFolder().resolve("payment-service.pid").toString();
		JsonNode report = assertPasses("external", "--name", "external-kill", "--fault-for", "2", "--inject",
				"kill -9 $(cat " + pidFile + ")", "--heal", "bash " + stack.script() + " up", "--evidence",
				"test \"$(cat " + pidFile + ")\" != " + before);
		assertThat(report.path("checks").toString()).contains("fault: injected, healed and proven");
		assertThat(stack.pid("payment-service")).isNotEqualTo(before);
	}

	@Test
	void externalDrillFailsWhenItsEvidenceDoesNot() {
		ChaosRun run = stack.chaos("external", "--name", "no-fault", "--rate", "2", "--duration", "3", "--fault-at",
				"1", "--fault-for", "1", "--settle", "60", "--inject", "true", "--heal", "true", "--evidence", "false");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.output()).contains("FAIL  fault: injected, healed and proven");
	}

	@Test
	void chaosMonkeyAssaultsInsideEveryService() {
		JsonNode report = assertPasses("monkey", "--duration", "12", "--fault-at", "2", "--fault-for", "8");
		assertThat(report.path("checks").toString()).contains("delayed", "failed");
	}

	@Test
	void replayPaymentServicesCommandsFromTheBeginning() {
		assertPasses("replay", "--fault-for", "2");
	}

	@Test
	void refusesAnUnknownDrill() {
		ChaosRun run = stack.chaos("kill-everything");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.output()).contains("no drill named kill-everything", "./stack chaos list");
		assertThat(stack.chaos("list").output()).contains("kill-orchestrator", "pause-inventory", "psp-down", "replay",
				"restart-kafka", "restart-postgres", "cut-kafka", "monkey", "external");
	}

	private static JsonNode assertPasses(String drill, String... options) {
		List<String> arguments = new ArrayList<>(List.of(SHORT));
		arguments.addAll(List.of(options));
		ChaosRun run = stack.chaos(drill, arguments.toArray(String[]::new));

		assertThat(run.reportFolder()).as(run.output()).isNotNull();
		JsonNode report = json.readTree(read(run.reportFolder().resolve("report.json")));
		assertThat(run.exitCode()).as(run.output()).isZero();
		String drillName = arguments.contains("--name") ? arguments.get(arguments.indexOf("--name") + 1) : drill;
		assertThat(report.path("drill").stringValue()).isEqualTo(drillName);
		assertThat(report.path("verdict").stringValue()).as(run.output()).isEqualTo("PASS");
		List<String> checks = new ArrayList<>();
		report.path("checks").forEach((check) -> {
			checks.add(check.path("name").stringValue());
			assertThat(check.path("passed").booleanValue())
				.as("%s: %s", check.path("name").stringValue(), check.path("figure").stringValue())
				.isTrue();
		});
		assertThat(checks)
			.contains("every order ended or is visibly parked", "money conserved", "stock conserved", "outbox drained",
					"dead letters accounted for", "provider holds money only for charged orders")
			.anySatisfy((name) -> assertThat(name).startsWith("fault: "));
		assertThat(report.path("load").path("accepted").longValue()).as("orders under the fault").isPositive();
		assertThat(report.path("settledAfterSeconds").isNumber()).isTrue();
		assertThat(read(run.reportFolder().resolve("report.html"))).contains("<svg", "<polyline");
		assertThat(read(run.reportFolder().resolve("report.md"))).startsWith("# Chaos drill `" + drillName + "`: PASS");
		return report;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
