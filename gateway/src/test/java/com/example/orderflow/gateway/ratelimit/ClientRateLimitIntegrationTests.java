package com.example.orderflow.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.orderflow.gateway.FakeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client may send 3 requests at once and one more every two seconds. Each test is a
 * different client: its requests come from its own loopback address (127.0.0.x).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "GATEWAY_RATE_LIMIT_REPLENISH_RATE=0.5", "GATEWAY_RATE_LIMIT_BURST=3" })
class ClientRateLimitIntegrationTests {

	static final FakeService service = FakeService.start();

	static final AtomicInteger warmUpAddresses = new AtomicInteger(100);

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		service.registerAsEveryService(registry);
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Value("${local.server.port}")
	int port;

	@BeforeEach
	void setUp() {
		// a cold first request can take long enough to refill a token
		clientFrom("127.0.0." + warmUpAddresses.getAndIncrement()).get()
			.uri("/api/orders/warm-up")
			.exchange()
			.expectStatus()
			.isOk();
		service.reset();
	}

	@Test
	void refusesRequestsBeyondTheLimitWithATooManyRequestsProblem() {
		WebTestClient client = clientFrom("127.0.0.11");
		useUpTheBurst(client);
		client.get()
			.uri("/api/orders/42")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value("Retry-After", (seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2))
			.expectHeader()
			.exists("X-Request-Id")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(429)
			.jsonPath("$.title")
			.isEqualTo("Too Many Requests")
			.jsonPath("$.detail")
			.isEqualTo("This client sent more requests than the gateway accepts per second.")
			.jsonPath("$.instance")
			.isEqualTo("/api/orders/42");
		assertThat(service.received()).hasSize(3);
	}

	@Test
	void doesNotTrustXForwardedForToTellClientsApart() {
		WebTestClient client = clientFrom("127.0.0.12");
		useUpTheBurst(client);
		client.get()
			.uri("/api/orders/42")
			.header("X-Forwarded-For", "203.0.113.7")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void servesOtherClientsWhileOneIsLimited() {
		WebTestClient limited = clientFrom("127.0.0.13");
		useUpTheBurst(limited);
		limited.get().uri("/api/orders/42").exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		clientFrom("127.0.0.14").get().uri("/api/orders/42").exchange().expectStatus().isOk();
	}

	@Test
	void servesTheClientAgainAfterTheRetryAfterDelay() throws InterruptedException {
		WebTestClient client = clientFrom("127.0.0.15");
		useUpTheBurst(client);
		String retryAfter = client.get()
			.uri("/api/orders/42")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("Retry-After");
		Thread.sleep(Duration.ofSeconds(Long.parseLong(retryAfter)));
		client.get().uri("/api/orders/42").exchange().expectStatus().isOk();
	}

	@Test
	void leavesTheGatewaysOwnEndpointsUnlimited() {
		WebTestClient client = clientFrom("127.0.0.16");
		useUpTheBurst(client);
		for (int i = 0; i < 5; i++) {
			client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		}
	}

	private static void useUpTheBurst(WebTestClient client) {
		for (int i = 0; i < 3; i++) {
			client.get().uri("/api/orders/42").exchange().expectStatus().isOk();
		}
	}

	private WebTestClient clientFrom(String address) {
		HttpClient httpClient = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(httpClient))
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

}
