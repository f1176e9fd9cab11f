package com.example.orderflow.gateway.requestid;

import java.util.Map;
import java.util.UUID;

import com.example.orderflow.gateway.FakeService;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RequestIdIntegrationTests {

	static final FakeService service = FakeService.start()
		.answer("/orders/echo", 200, "application/json", "{}")
		.answer("/orders/own-id", 200, "application/json", "{}", Map.of(RequestIds.HEADER, "the-services-own"));

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
	void forwardsAndReturnsTheCallersSaneRequestId() {
		String requestId = "caller-" + UUID.randomUUID();
		this.client.get()
			.uri("/api/orders/echo")
			.header(RequestIds.HEADER, requestId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(RequestIds.HEADER, requestId);
		assertThat(service.received()).singleElement()
			.satisfies((received) -> assertThat(received.header(RequestIds.HEADER)).isEqualTo(requestId));
	}

	@Test
	void generatesARequestIdWhenTheCallerSendsNone() {
		String returned = this.client.get()
			.uri("/api/orders/echo")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(RequestIds.HEADER);
		assertThat(UUID.fromString(returned)).isNotNull();
		assertThat(service.received()).singleElement()
			.satisfies((received) -> assertThat(received.header(RequestIds.HEADER)).isEqualTo(returned));
	}

	@Test
	void replacesAnInsaneRequestIdWithAGeneratedOne() {
		String insane = "x".repeat(129);
		String returned = this.client.get()
			.uri("/api/orders/echo")
			.header(RequestIds.HEADER, insane)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(RequestIds.HEADER);
		assertThat(UUID.fromString(returned)).isNotNull();
		assertThat(service.received()).singleElement()
			.satisfies((received) -> assertThat(received.header(RequestIds.HEADER)).isEqualTo(returned));
	}

	@Test
	void returnsTheRequestIdOnTheGatewaysOwnErrorsAndQuotesItInTheProblem() {
		String requestId = "lost-" + UUID.randomUUID();
		this.client.get()
			.uri("/api/nothing-here")
			.header(RequestIds.HEADER, requestId)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(RequestIds.HEADER, requestId)
			.expectBody()
			.jsonPath("$.requestId")
			.isEqualTo(requestId);
	}

	@Test
	void returnsOnlyTheGatewaysRequestIdWhenTheServiceAnswersWithItsOwn() {
		this.client.get()
			.uri("/api/orders/own-id")
			.header(RequestIds.HEADER, "from-caller")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.values(RequestIds.HEADER, (values) -> assertThat(values).containsExactly("from-caller"));
	}

	@Test
	void returnsTheRequestIdOnActuatorResponses() {
		this.client.get()
			.uri("/actuator/health")
			.header(RequestIds.HEADER, "probe-1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(RequestIds.HEADER, "probe-1");
	}

}
