package com.example.orderflow.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.orderflow.gateway.FakeService;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client may send 3 requests at once and one more every two seconds. Each test uses its
 * own principals and its own loopback addresses (127.0.0.x), so tests never share a
 * bucket.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "GATEWAY_RATE_LIMIT_REPLENISH_RATE=0.5", "GATEWAY_RATE_LIMIT_BURST=3",
				"GATEWAY_RATE_LIMIT_ADDRESS_REPLENISH_RATE=0.5", "GATEWAY_RATE_LIMIT_ADDRESS_BURST=3" })
class ApiRateLimitIntegrationTests {

	static final FakeService service = FakeService.start();

	static final TestIssuer issuer = TestIssuer.shared();

	static final AtomicInteger warmUps = new AtomicInteger(100);

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
	MeterRegistry meterRegistry;

	@BeforeEach
	void setUp() {
		// a cold first request (the key set fetched, a first route resolved) can take
		// long
		// enough to refill a token
		int warmUp = warmUps.getAndIncrement();
		clientFrom("127.0.0." + warmUp).get()
			.uri("/api/orders/warm-up")
			.header(HttpHeaders.AUTHORIZATION, bearer(issuer.customer("warm-up-" + warmUp)))
			.exchange()
			.expectStatus()
			.isOk();
		service.reset();
	}

	@Test
	void refusesRequestsBeyondTheLimitWithATooManyRequestsProblem() {
		WebTestClient client = clientFrom("127.0.0.11", issuer.customer("c-11"));
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
	void givesTwoPrincipalsFromTheSameAddressSeparateAllowances() {
		WebTestClient limited = clientFrom("127.0.0.12", issuer.customer("c-12a"));
		useUpTheBurst(limited);
		limited.get().uri("/api/orders/42").exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		clientFrom("127.0.0.12", issuer.customer("c-12b")).get().uri("/api/orders/42").exchange().expectStatus().isOk();
	}

	@Test
	void limitsAPrincipalWhicheverAddressItComesFrom() {
		String token = issuer.customer("c-13");
		useUpTheBurst(clientFrom("127.0.0.13", token));
		clientFrom("127.0.0.14", token).get()
			.uri("/api/orders/42")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(service.received()).hasSize(3);
	}

	@Test
	void limitsRefusedTokensByAddressWithoutLimitingValidOnesFromThere() {
		double rejectedBefore = rejected("address");
		WebTestClient flood = clientFrom("127.0.0.15");
		// different bad tokens: what is counted is the address, not the token
		for (String badToken : new String[] { issuer.token().forge(), issuer.token().unsigned(),
				issuer.token().expiredAgo(Duration.ofMinutes(5)).sign() }) {
			flood.get()
				.uri("/api/orders/42")
				.header(HttpHeaders.AUTHORIZATION, bearer(badToken))
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
		flood.get()
			.uri("/api/orders/42")
			.header(HttpHeaders.AUTHORIZATION, bearer(issuer.token().audience("someone-else").sign()))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists("Retry-After")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(rejected("address")).isEqualTo(rejectedBefore + 1);
		clientFrom("127.0.0.15", issuer.customer("c-15")).get().uri("/api/orders/42").exchange().expectStatus().isOk();
		assertThat(service.receivedPaths()).containsExactly("/orders/42");
	}

	@Test
	void limitsRequestsWithoutATokenByAddressIgnoringXForwardedFor() {
		WebTestClient client = clientFrom("127.0.0.16");
		for (int i = 0; i < 3; i++) {
			client.get().uri("/api/orders/42").exchange().expectStatus().isUnauthorized();
		}
		client.get()
			.uri("/api/orders/42")
			.header("X-Forwarded-For", "203.0.113.7")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(service.received()).isEmpty();
	}

	@Test
	void servesTheClientAgainAfterTheRetryAfterDelay() throws InterruptedException {
		WebTestClient client = clientFrom("127.0.0.17", issuer.customer("c-17"));
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
		WebTestClient client = clientFrom("127.0.0.18", issuer.customer("c-18"));
		useUpTheBurst(client);
		for (int i = 0; i < 5; i++) {
			client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		}
	}

	private double rejected(String key) {
		return this.meterRegistry.get("gateway.ratelimit.requests")
			.tag("outcome", "rejected")
			.tag("key", key)
			.counter()
			.count();
	}

	private static void useUpTheBurst(WebTestClient client) {
		for (int i = 0; i < 3; i++) {
			client.get().uri("/api/orders/42").exchange().expectStatus().isOk();
		}
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	private WebTestClient clientFrom(String address, String token) {
		return clientFrom(address).mutate().defaultHeader(HttpHeaders.AUTHORIZATION, bearer(token)).build();
	}

	private WebTestClient clientFrom(String address) {
		HttpClient httpClient = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(httpClient))
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

}
