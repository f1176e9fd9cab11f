package com.example.orderflow.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import com.example.orderflow.servicesecurity.test.Bearer;
import org.junit.jupiter.api.AfterEach;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchAcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The chaos profile as {@code CHAOS_MONKEY=on ./stack up} starts the service: Chaos
 * Monkey armed with every assault off, switched on through the actuator as the monkey
 * drill does, reaching the REST path and the Kafka handler. A context of its own (real
 * port, so errors go through Boot's error page as in production), with its own database
 * and its listeners left stopped, so it takes no command from the shared context's tests;
 * closed after this class. The monkey's endpoints are the operators' (the monkey drill
 * holds an operator token).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("chaos")
@DirtiesContext
class ChaosMonkeyIntegrationTests {

	static final TestDatabase database = TestDatabase.create("payments_chaos");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestIssuer.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
		registry.add("spring.kafka.listener.auto-startup", () -> false);
		registry.add("spring.kafka.consumer.group-id", () -> "payment-service-chaos-test");
		registry.add("payment.provider.url", TestPaymentProvider::url);
	}

	@AfterEach
	void switchAssaultsOff() throws Exception {
		post("/actuator/chaosmonkey/assaults", Bearer.operator(), """
				{"level": 4, "latencyActive": false, "exceptionsActive": false}""");
	}

	@Test
	void armsTheMonkeyWithEveryAssaultOffAndLeavesTheServiceAlone() throws Exception {
		assertThat(get("/actuator/chaosmonkey/status", Bearer.operator()).body()).contains("\"enabled\":true");
		assertThat(get("/actuator/chaosmonkey/assaults", Bearer.operator()).body()).contains("\"latencyActive\":false",
				"\"exceptionsActive\":false", "\"killApplicationActive\":false", "\"memoryActive\":false",
				"\"cpuActive\":false", "PaymentCommandHandler.onBatch");

		String nobody = "nobody-" + System.nanoTime();
		HttpResponse<String> unknown = get("/accounts/" + nobody, Bearer.customer(nobody));
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(get("/actuator/prometheus", null).body()).contains("outbox_backlog");
	}

	@Test
	void anExceptionAssaultFailsRequestsWithoutInternalsAndTheKafkaBatchBeforeItsWork() throws Exception {
		HttpResponse<String> switched = post("/actuator/chaosmonkey/assaults", Bearer.operator(), """
				{"level": 1, "exceptionsActive": true}""");
		assertThat(switched.statusCode()).isEqualTo(200);

		HttpResponse<String> failed = get("/accounts/alice", Bearer.customer("alice"));
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(failed.body()).doesNotContainIgnoringCase("chaos")
			.doesNotContain("Exception", "trace", "com.example");
		assertThatException().isThrownBy(() -> paymentCommandsListener().onMessage(List.of(), null, null))
			.havingRootCause()
			.withMessageContaining("Chaos Monkey");
		assertThat(get("/actuator/health", null).statusCode()).as("the actuator is not assaulted").isEqualTo(200);
		assertThat(get("/actuator/prometheus", null).body())
			.containsPattern("chaos_monkey_assault_exception_count_total(\\{[^}]*})? [1-9]");
	}

	@Test
	void leavesTheMonkeyToOperators() throws Exception {
		String assault = """
				{"level": 1, "exceptionsActive": true}""";

		assertThat(get("/actuator/chaosmonkey/status", null).statusCode()).isEqualTo(401);
		assertThat(post("/actuator/chaosmonkey/assaults", null, assault).statusCode()).isEqualTo(401);
		HttpResponse<String> refused = post("/actuator/chaosmonkey/assaults", Bearer.customer("alice"), assault);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		assertThat(get("/actuator/chaosmonkey/assaults", Bearer.operator()).body())
			.contains("\"exceptionsActive\":false");
		assertThat(get("/accounts/alice", Bearer.customer("alice")).statusCode()).isEqualTo(404);
	}

	@SuppressWarnings("unchecked")
	private BatchAcknowledgingConsumerAwareMessageListener<String, String> paymentCommandsListener() {
		MessageListenerContainer container = this.listeners.getListenerContainers()
			.stream()
			.filter((candidate) -> List.of(candidate.getContainerProperties().getTopics())
				.contains(Topics.PAYMENT_COMMANDS))
			.findFirst()
			.orElseThrow();
		return (BatchAcknowledgingConsumerAwareMessageListener<String, String>) container.getContainerProperties()
			.getMessageListener();
	}

	private HttpResponse<String> get(String path, @Nullable String authorization) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)), authorization);
	}

	private HttpResponse<String> post(String path, @Nullable String authorization, String json) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), authorization);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, @Nullable String authorization) throws Exception {
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
