package com.example.orderflow.gateway.resilience;

import java.time.Duration;
import java.util.List;

import com.example.orderflow.gateway.FakeService;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three attempts at most, 200ms before the second and 600ms before the third: longer
 * pauses than the defaults, so that a busy machine cannot blur them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "GATEWAY_RETRY_BACKOFF=200ms",
		"resilience4j.retry.configs.default.exponential-backoff-multiplier=3" })
class RetryIntegrationTests {

	static final FakeService service = FakeService.start();

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
		for (String url : new String[] { "ORDER_SERVICE_URL", "INVENTORY_SERVICE_URL", "PAYMENT_SERVICE_URL" }) {
			registry.add(url, service::url);
		}
		registry.add("ORCHESTRATOR_URL", FakeService::unreachableUrl);
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Value("${local.server.port}")
	int port;

	WebTestClient client;

	@BeforeEach
	void setUp() {
		this.client = FakeService.gatewayClient(this.port, TestIssuer.shared().operator());
		service.reset();
	}

	@Test
	void retriesAGetThatFailedTwiceWithGrowingPausesAndReturnsTheThirdAnswer() {
		service.answerNext("/products/SKU-1", 1, 503).answerNext("/products/SKU-1", 1, 502);
		this.client.get().uri("/api/products/SKU-1").exchange().expectStatus().isOk();
		List<FakeService.Received> received = service.received();
		assertThat(received).hasSize(3);
		Duration firstPause = Duration.ofNanos(received.get(1).nanoTime() - received.get(0).nanoTime());
		Duration secondPause = Duration.ofNanos(received.get(2).nanoTime() - received.get(1).nanoTime());
		// each pause lasts at least its backoff, 200 ms then 400 ms; only lower bounds,
		// as a
		// busy machine can stretch any pause
		assertThat(firstPause).isGreaterThanOrEqualTo(Duration.ofMillis(190));
		assertThat(secondPause).isGreaterThanOrEqualTo(Duration.ofMillis(390));
	}

	@Test
	void passesTheLastAnswerOnWhenEveryAttemptFailed() {
		service.answer("/products/SKU-2", 503, "application/problem+json", "{\"detail\":\"restarting\"}");
		this.client.get()
			.uri("/api/products/SKU-2")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.json("{\"detail\":\"restarting\"}");
		assertThat(service.received()).hasSize(3);
	}

	@Test
	void sendsAPostToAFailingServiceExactlyOnce() throws InterruptedException {
		service.answer("/orders", 503, "application/json", "{}");
		this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customerId\":\"alice\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		Thread.sleep(400);
		assertThat(service.received()).singleElement()
			.satisfies((received) -> assertThat(received.method()).isEqualTo("POST"));
	}

	@Test
	void neverRetriesAClientError() {
		service.answer("/accounts/nobody", 404, "application/problem+json", "{}");
		this.client.get().uri("/api/accounts/nobody").exchange().expectStatus().isNotFound();
		assertThat(service.received()).hasSize(1);
	}

	@Test
	void retriesARefusedConnectionBeforeAnsweringThatTheServiceIsUnavailable() {
		long start = System.nanoTime();
		this.client.get()
			.uri("/api/sagas/42")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The sagas service is unavailable.");
		// the two pauses between the three attempts
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(790));
	}

}
