package com.example.orderflow.gateway.resilience;

import com.example.orderflow.gateway.FakeService;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
 * Breakers open after 4 calls of which at least half failed, stay open for one second and
 * close after 2 successful calls. POST is used where calls are counted: it is never
 * retried, so one request is one call.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "resilience4j.circuitbreaker.configs.default.sliding-window-size=4",
				"resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=4", "GATEWAY_BREAKER_OPEN_FOR=1s",
				"resilience4j.circuitbreaker.configs.default.permitted-number-of-calls-in-half-open-state=2" })
class CircuitBreakerIntegrationTests {

	static final String SERVICE_DOWN = "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"maintenance\"}";

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

	@Autowired
	CircuitBreakerRegistry breakers;

	WebTestClient client;

	@BeforeEach
	void setUp() {
		this.client = FakeService.gatewayClient(this.port, TestIssuer.shared().operator());
		service.reset();
		this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@Test
	void opensAfterRepeatedServerErrorsAndAnswersForTheServiceWithoutReachingIt() {
		service.answer("/orders", 503, "application/problem+json", SERVICE_DOWN);
		for (int i = 0; i < 4; i++) {
			// the service's own answer passes through while the breaker counts it
			byte[] body = postOrder().expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectBody()
				.returnResult()
				.getResponseBody();
			assertThat(new String(body)).isEqualTo(SERVICE_DOWN);
		}
		for (int i = 0; i < 3; i++) {
			postOrder().expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueEquals("Retry-After", "1")
				.expectHeader()
				.exists("X-Request-Id")
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(503)
				.jsonPath("$.detail")
				.isEqualTo("The orders service failed repeatedly, so the gateway is not forwarding requests to it"
						+ " for a while.")
				.jsonPath("$.instance")
				.isEqualTo("/api/orders")
				.jsonPath("$.requestId")
				.exists();
		}
		assertThat(service.received()).hasSize(4);
	}

	@Test
	void closesAgainOnceTheServiceAnswersAfterTheWait() throws InterruptedException {
		service.answer("/orders", 503, "application/json", "{}");
		for (int i = 0; i < 4; i++) {
			postOrder().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		}
		postOrder().expectHeader().exists("Retry-After");
		service.answer("/orders", 201, "application/json", "{\"id\":\"42\"}");
		Thread.sleep(1200);
		postOrder().expectStatus().isCreated();
		postOrder().expectStatus().isCreated();
		postOrder().expectStatus().isCreated();
		assertThat(service.received()).hasSize(7);
		this.client.get()
			.uri("/actuator/circuitbreakers")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.circuitBreakers.orders.state")
			.isEqualTo("CLOSED");
	}

	@Test
	void neverOpensOnClientErrorsWhichPassThroughUnchanged() {
		service.answer("/products/missing", 404, "application/problem+json", "{\"status\":404}");
		service.answer("/products/invalid", 422, "application/problem+json", "{\"status\":422}");
		for (int i = 0; i < 6; i++) {
			this.client.get()
				.uri("/api/products/missing")
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody()
				.json("{\"status\":404}");
			this.client.post()
				.uri("/api/products/invalid")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
				.expectBody()
				.json("{\"status\":422}");
		}
		assertThat(service.received()).hasSize(12);
		assertThat(this.breakers.circuitBreaker("products").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void neverOpensOnA500WhichOneClientsRequestCanCause() {
		service.answer("/accounts/mallory", 500, "application/problem+json", "{\"status\":500}");
		service.answer("/accounts/alice", 200, "application/json", "{\"customerId\":\"alice\"}");
		for (int i = 0; i < 50; i++) {
			this.client.get().uri("/api/accounts/mallory").exchange().expectStatus().isEqualTo(500);
		}
		assertThat(this.breakers.circuitBreaker("accounts").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		this.client.get().uri("/api/accounts/alice").exchange().expectStatus().isOk();
	}

	@Test
	void keepsTheGatewayReadyWhileABreakerIsOpen() {
		service.answer("/sagas", 502, "application/json", "{}");
		for (int i = 0; i < 5; i++) {
			this.client.post().uri("/api/sagas").exchange();
		}
		assertThat(this.breakers.circuitBreaker("sagas").getState()).isEqualTo(CircuitBreaker.State.OPEN);
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	private WebTestClient.ResponseSpec postOrder() {
		return this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customerId\":\"alice\"}")
			.exchange();
	}

}
