package com.example.orderflow.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped limits: {@code ./stack bench} (every request from one address with the
 * tools client's token) is never throttled, while one customer is, at tens of requests
 * per second. The limit is applied before routing, so requests for a path that no route
 * serves meet it exactly like any other and need no service behind the gateway: the burst
 * measures the limit, not a stand-in service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DefaultRateLimitIntegrationTests {

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
	}

	@Value("${local.server.port}")
	int port;

	@Test
	void refusesOneCustomerBeyondTensOfRequestsAtOnceWithRetryAfter() {
		WebClient client = WebClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.shared().customer("eager-customer"))
			.build();
		long started = System.nanoTime();
		Map<Integer, Long> statuses = Flux.range(0, 300)
			.flatMap((i) -> client.get()
				.uri("/api/unrouted/" + i)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode())), 16)
			.map(HttpStatusCode::value)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
			.block(Duration.ofSeconds(60));
		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;

		// a burst of 40, then 20 a second for as long as the 300 requests took
		assertThat(statuses.keySet()).containsExactlyInAnyOrder(404, 429);
		assertThat(statuses.get(404)).isBetween(40L, 40 + 20 * seconds);
		assertThat(statuses.get(404) + statuses.get(429)).isEqualTo(300);
	}

	@Test
	void neverRefusesABurstOfTwoThousandRequestsFromTheToolsClient() {
		WebClient client = WebClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.shared().operator())
			.build();
		Map<Integer, Long> statuses = Flux.range(0, 2000)
			.flatMap((i) -> client.get()
				.uri("/api/unrouted/" + i)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode())), 64)
			.map(HttpStatusCode::value)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
			.block(Duration.ofSeconds(60));
		assertThat(statuses).containsExactly(Map.entry(404, 2000L));
		WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectBody(String.class)
			.value((metrics) -> assertThat(metrics).containsPattern(
					"gateway_ratelimit_requests_total\\{key=\"principal\",outcome=\"allowed\"} (20[0-9][0-9])"));
	}

}
