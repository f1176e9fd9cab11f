package com.example.orderflow.gateway.bodylimit;

import java.nio.charset.StandardCharsets;

import com.example.orderflow.gateway.FakeService;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs with a 1KB limit so the bodies stay small; the default is covered by
 * {@link BodyLimitPropertiesTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.max-request-body=1KB")
class RequestBodyLimitIntegrationTests {

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
		service.reset();
	}

	@Test
	void forwardsABodyOfExactlyTheLimit() {
		String body = "a".repeat(1024);
		this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(service.received()).singleElement()
			.satisfies((received) -> assertThat(received.body()).isEqualTo(body));
	}

	@Test
	void refusesADeclaredContentLengthOverTheLimitWithAProblem() {
		this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("a".repeat(1025))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("about:blank")
			.jsonPath("$.title")
			.isEqualTo("Content Too Large")
			.jsonPath("$.status")
			.isEqualTo(413)
			.jsonPath("$.detail")
			.isEqualTo("The request body is larger than the limit of 1024 bytes.")
			.jsonPath("$.instance")
			.isEqualTo("/api/orders");
		assertThat(service.received()).isEmpty();
	}

	@Test
	void refusesAChunkedBodyThatGrowsOverTheLimitWithAProblem() {
		this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromDataBuffers(chunks(5, 256)))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(413);
		assertThat(service.received()).isEmpty();
	}

	@Test
	void forwardsAChunkedBodyWithinTheLimitWhole() {
		this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromDataBuffers(chunks(4, 256)))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(service.received()).singleElement().satisfies((received) -> {
			assertThat(received.body()).hasSize(1024).containsOnlyOnce("chunk-0").containsOnlyOnce("chunk-3");
			assertThat(received.header("Content-Length")).isEqualTo("1024");
			assertThat(received.header("Transfer-Encoding")).isNull();
		});
	}

	@Test
	void letsRequestsWithoutABodyThrough() {
		this.client.get().uri("/api/orders/42").exchange().expectStatus().isOk();
		assertThat(service.receivedPaths()).containsExactly("/orders/42");
	}

	private static Flux<DataBuffer> chunks(int count, int size) {
		return Flux.range(0, count).map((i) -> {
			String label = "chunk-" + i;
			String chunk = label + "x".repeat(size - label.length());
			return DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.UTF_8));
		});
	}

}
