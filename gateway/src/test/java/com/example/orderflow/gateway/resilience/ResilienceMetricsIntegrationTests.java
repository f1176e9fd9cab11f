package com.example.orderflow.gateway.resilience;

import com.example.orderflow.gateway.FakeService;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of the routes' breakers, bulkheads and retries and of the rate
 * limit, in Prometheus and through actuator.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ResilienceMetricsIntegrationTests {

	static final FakeService service = FakeService.start();

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
		service.registerAsEveryService(registry);
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
	}

	@Test
	void publishesBreakerBulkheadRetryAndRateLimitMetricsForTheRoutes() {
		service.answerNext("/orders/42", 1, 503);
		this.client.get().uri("/api/orders/42").exchange().expectStatus().isOk();
		this.client.get().uri("/api/products/SKU-1").exchange().expectStatus().isOk();

		String metrics = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(metrics)
			.containsPattern(
					"resilience4j_circuitbreaker_state\\{[^}]*name=\"orders\"[^}]*" + "state=\"closed\"[^}]*\\} 1\\.0")
			.containsPattern("resilience4j_circuitbreaker_calls_seconds_count\\{[^}]*kind=\"failed\"[^}]*"
					+ "name=\"orders\"[^}]*\\} 1\\b")
			.containsPattern("resilience4j_bulkhead_available_concurrent_calls\\{[^}]*name=\"orders\"[^}]*\\} 512\\.0")
			.containsPattern("resilience4j_retry_calls_total\\{[^}]*kind=\"successful_with_retry\"[^}]*"
					+ "name=\"orders\"[^}]*\\} 1\\.0")
			.containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"payments\"")
			.containsPattern("gateway_ratelimit_requests_total\\{[^}]*outcome=\"allowed\"[^}]*\\}")
			.containsPattern("gateway_ratelimit_requests_total\\{[^}]*outcome=\"rejected\"[^}]*\\} 0\\.0")
			.contains("gateway_ratelimit_clients");
	}

	@Test
	void listsEveryRoutesBreakerBulkheadAndRetryThroughActuator() {
		this.client.get()
			.uri("/actuator/circuitbreakers")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.circuitBreakers.orders.state")
			.isEqualTo("CLOSED")
			.jsonPath("$.circuitBreakers.sagas.state")
			.isEqualTo("CLOSED")
			.jsonPath("$.circuitBreakers.products.state")
			.isEqualTo("CLOSED")
			.jsonPath("$.circuitBreakers.accounts.state")
			.isEqualTo("CLOSED")
			.jsonPath("$.circuitBreakers.payments.state")
			.isEqualTo("CLOSED");
		this.client.get()
			.uri("/actuator/bulkheads")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.bulkheads")
			.value((names) -> assertThat(names.toString()).contains("orders", "sagas", "products", "accounts",
					"payments"));
		this.client.get()
			.uri("/actuator/retries")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.retries")
			.value((names) -> assertThat(names.toString()).contains("orders", "sagas", "products", "accounts",
					"payments"));
	}

}
