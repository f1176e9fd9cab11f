package com.example.orderflow.gateway.resilience;

import java.time.Duration;
import java.util.List;

import com.example.orderflow.gateway.FakeService;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each route may have 2 calls in flight and 5s per attempt, set through the environment
 * variables a drill would use; payments has 1.5s.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "GATEWAY_MAX_CONCURRENT_PER_ROUTE=2",
		"GATEWAY_ROUTE_TIMEOUT=5s", "resilience4j.timelimiter.instances.payments.timeout-duration=1500ms" })
class RouteLimitsIntegrationTests {

	static final FakeService service = FakeService.start()
		.answerSlowly("/orders/slow", Duration.ofSeconds(3))
		.answerSlowly("/payments/stuck", Duration.ofSeconds(6));

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
		service.reset();
	}

	@Test
	void refusesACallOverTheRoutesLimitAtOnceWhileOtherRoutesKeepAnswering() throws InterruptedException {
		WebClient async = WebClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.shared().operator())
			.build();
		Mono<List<HttpStatusCode>> slowCalls = Mono
			.zip(slowOrder(async), slowOrder(async), (first, second) -> List.of(first, second))
			.cache();
		slowCalls.subscribe();
		awaitReceived("/orders/slow", 2);

		long start = System.nanoTime();
		this.client.get()
			.uri("/api/orders/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("Retry-After", "1")
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The orders service is already handling as many requests as the gateway allows.");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

		this.client.get().uri("/api/products/SKU-1").exchange().expectStatus().isOk();
		assertThat(slowCalls.block(Duration.ofSeconds(10))).containsExactly(HttpStatus.OK, HttpStatus.OK);
		assertThat(service.receivedPaths()).filteredOn("/orders/slow"::equals).hasSize(2);
	}

	@Test
	void answersAServiceSlowerThanTheTimeLimitWithAGatewayTimeoutProblemInAboutTheLimit() {
		long start = System.nanoTime();
		this.client.get()
			.uri("/api/payments/stuck")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(504)
			.jsonPath("$.detail")
			.isEqualTo("The payments service did not answer in time.");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1400),
				Duration.ofMillis(3000));
		// a timed-out attempt is not retried: it would only multiply the wait
		assertThat(service.receivedPaths()).containsExactly("/payments/stuck");
	}

	private static Mono<HttpStatusCode> slowOrder(WebClient async) {
		return async.get()
			.uri("/api/orders/slow")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode()));
	}

	private static void awaitReceived(String path, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (service.receivedPaths().stream().filter(path::equals).count() < count) {
			assertThat(System.nanoTime()).as("%d requests for %s within 5s", count, path).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

}
