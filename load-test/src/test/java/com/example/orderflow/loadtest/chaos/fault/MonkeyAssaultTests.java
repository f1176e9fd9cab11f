package com.example.orderflow.loadtest.chaos.fault;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.audit.StateReader.Endpoints;
import com.example.orderflow.loadtest.chaos.report.Timeline;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;
import com.example.orderflow.loadtest.chaos.report.Timeline.Mark;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MonkeyAssaultTests {

	private static final String OPERATOR_TOKEN = "operator-token";

	private final Actuators actuators = new Actuators();

	@BeforeEach
	void start() throws IOException {
		this.actuators.start();
	}

	@AfterEach
	void stop() {
		this.actuators.stop();
	}

	@Test
	void switchesTheAssaultsOnForTheFaultsLengthAndOffWhenItHealsOnce() throws Exception {
		MonkeyAssault fault = MonkeyAssault.on(this.actuators.endpoints(), () -> OPERATOR_TOKEN);
		Timeline timeline = new Timeline(System.nanoTime());

		fault.prepare();
		fault.run(Duration.ZERO, timeline);
		fault.heal();

		assertThat(this.actuators.asked("payment")).containsExactly("GET /actuator/chaosmonkey/status",
				"GET /actuator/prometheus", "POST /actuator/chaosmonkey/assaults", "POST /actuator/chaosmonkey/enable",
				"POST /actuator/chaosmonkey/assaults", "POST /actuator/chaosmonkey/disable",
				"GET /actuator/prometheus");
		assertThat(this.actuators.switchedOn("payment")).contains("\"level\":4", "\"deterministic\":false",
				"\"latencyRangeStart\":500", "\"latencyRangeEnd\":2000", "\"latencyActive\":true",
				"\"exceptionsActive\":true", "\"killApplicationActive\":false", "\"memoryActive\":false",
				"\"cpuActive\":false");
		assertThat(this.actuators.assaulting()).isEmpty();
		assertThat(timeline.marks()).extracting(Mark::kind).containsExactly(Kind.FAULT_ON, Kind.FAULT_OFF);
		assertThat(timeline.recovery().readyAfterHealingSeconds()).as("assaults restart nothing").isNull();
		Check check = fault.tookEffect();
		assertThat(check.passed()).as(check.figure()).isTrue();
		assertThat(check.figure()).contains("payment-service 3 delayed, 2 failed", "saga-orchestrator 3 delayed");
	}

	@Test
	void refusesToStartWhenAServiceRunsWithoutTheChaosProfileAndSaysHowToStartIt() {
		this.actuators.withoutMonkey("payment");
		MonkeyAssault fault = MonkeyAssault.on(this.actuators.endpoints(), () -> OPERATOR_TOKEN);

		assertThatIllegalStateException().isThrownBy(fault::prepare)
			.withMessageContaining("payment-service runs without Chaos Monkey")
			.withMessageEndingWith("start the stack with CHAOS_MONKEY=on ./stack up");
		assertThat(this.actuators.asked("order")).noneMatch((request) -> request.startsWith("POST"));
	}

	@Test
	void failsItsCheckWhenAServiceWasNeverAssaulted() throws Exception {
		this.actuators.neverAssaulted("orchestrator");
		MonkeyAssault fault = MonkeyAssault.on(this.actuators.endpoints(), () -> OPERATOR_TOKEN);

		fault.run(Duration.ZERO, new Timeline(System.nanoTime()));
		Check check = fault.tookEffect();

		assertThat(check.passed()).isFalse();
		assertThat(check.figure()).contains("saga-orchestrator 0 delayed, 0 failed");
	}

	@Test
	void healsEveryServiceItBeganToArmWhenSwitchingOnFailed() {
		this.actuators.refusingAssaults("inventory");
		MonkeyAssault fault = MonkeyAssault.on(this.actuators.endpoints(), () -> OPERATOR_TOKEN);

		assertThatIllegalStateException().isThrownBy(() -> fault.run(Duration.ZERO, new Timeline(System.nanoTime())))
			.withMessageContaining("inventory-service answered 400");
		fault.heal();

		assertThat(this.actuators.asked("order")).endsWith("POST /actuator/chaosmonkey/disable");
		assertThat(this.actuators.asked("inventory")).endsWith("POST /actuator/chaosmonkey/disable");
		assertThat(this.actuators.asked("payment")).noneMatch((request) -> request.startsWith("POST"));
		assertThat(fault.tookEffect().passed()).isFalse();
	}

	/**
	 * The four services' actuators on one port, told apart by a path prefix. Switching
	 * the assaults on moves a service's Chaos Monkey counters, as the load would.
	 */
	static final class Actuators {

		private static final List<String> SERVICES = List.of("order", "inventory", "payment", "orchestrator");

		private final HttpServer server;

		private final Map<String, List<String>> asked = new ConcurrentHashMap<>();

		private final Map<String, String> switchedOn = new ConcurrentHashMap<>();

		private final Set<String> assaulting = ConcurrentHashMap.newKeySet();

		private final Map<String, int[]> counters = new ConcurrentHashMap<>();

		private final Set<String> withoutMonkey = ConcurrentHashMap.newKeySet();

		private final Set<String> neverAssaulted = ConcurrentHashMap.newKeySet();

		private final Set<String> refusingAssaults = ConcurrentHashMap.newKeySet();

		Actuators() {
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.server.createContext("/", this::answer);
			SERVICES.forEach((service) -> {
				this.asked.put(service, Collections.synchronizedList(new ArrayList<>()));
				this.counters.put(service, new int[2]);
			});
		}

		void start() {
			this.server.start();
		}

		void stop() {
			this.server.stop(0);
		}

		Endpoints endpoints() {
			String base = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/";
			return new Endpoints(base + "order", base + "inventory", base + "payment", base + "orchestrator");
		}

		void withoutMonkey(String service) {
			this.withoutMonkey.add(service);
		}

		void neverAssaulted(String service) {
			this.neverAssaulted.add(service);
		}

		void refusingAssaults(String service) {
			this.refusingAssaults.add(service);
		}

		List<String> asked(String service) {
			return this.asked.get(service);
		}

		String switchedOn(String service) {
			return this.switchedOn.get(service);
		}

		Set<String> assaulting() {
			return this.assaulting;
		}

		private void answer(HttpExchange exchange) throws IOException {
			String[] parts = exchange.getRequestURI().getPath().split("/", 3);
			String service = parts[1];
			String path = "/" + parts[2];
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.asked.get(service).add(exchange.getRequestMethod() + " " + path);
			// Chaos Monkey's endpoints, like every actuator endpoint but the scrape, are
			// for operators
			if (path.startsWith("/actuator/chaosmonkey")
					&& !("Bearer " + OPERATOR_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				respond(exchange, 401, "{\"status\":401}");
				return;
			}
			if (path.startsWith("/actuator/chaosmonkey") && this.withoutMonkey.contains(service)) {
				respond(exchange, 404, "{\"status\":404}");
				return;
			}
			switch (path) {
				case "/actuator/prometheus" -> respond(exchange, 200, prometheus(service));
				case "/actuator/chaosmonkey/assaults" -> assaults(exchange, service, body);
				default -> respond(exchange, 200, "{\"enabled\":true}");
			}
		}

		private void assaults(HttpExchange exchange, String service, String body) throws IOException {
			boolean on = body.contains("\"latencyActive\":true");
			if (on && this.refusingAssaults.contains(service)) {
				respond(exchange, 400, "{\"error\":\"Bad Request\"}");
				return;
			}
			if (on) {
				this.switchedOn.put(service, body);
				this.assaulting.add(service);
				if (!this.neverAssaulted.contains(service)) {
					this.counters.get(service)[0] += 6;
					this.counters.get(service)[1] += 2;
				}
			}
			else {
				this.assaulting.remove(service);
			}
			respond(exchange, 200, "Assault config has changed");
		}

		private String prometheus(String service) {
			int[] counted = this.counters.get(service);
			StringBuilder text = new StringBuilder("""
					# TYPE outbox_backlog gauge
					outbox_backlog{application="%s"} 0.0
					""".formatted(service));
			if (counted[0] > 0) {
				text.append("chaos_monkey_assault_latency_count_total{application=\"x\"} ")
					.append(counted[0])
					.append(".0\n");
				text.append("chaos_monkey_assault_exception_count_total{application=\"x\"} ")
					.append(counted[1])
					.append(".0\n");
			}
			return text.toString();
		}

		private static void respond(HttpExchange exchange, int status, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		}

	}

}
