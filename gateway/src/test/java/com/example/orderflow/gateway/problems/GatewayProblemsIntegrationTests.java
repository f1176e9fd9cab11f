package com.example.orderflow.gateway.problems;

import java.io.IOException;
import java.time.Duration;

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
 * Orders and payments are up, sagas is down (nothing listens), products hangs up without
 * answering; the response timeout is short so a slow order endpoint times out.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=500ms")
class GatewayProblemsIntegrationTests {

	static final String SERVICE_PROBLEM = "{\"type\":\"https://orderflow.example/problems/conflict\","
			+ "\"title\":\"Conflict\",\"status\":409,\"detail\":\"Order 42 is already approved\","
			+ "\"instance\":\"/orders/42\",\"custom\":[1,2]}";

	static final FakeService service = FakeService.start()
		.answer("/orders/42", 409, "application/problem+json", SERVICE_PROBLEM)
		.answerSlowly("/orders/slow", Duration.ofSeconds(3));

	static final FakeService.HangUp hangUp = FakeService.HangUp.start();

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
		registry.add("ORDER_SERVICE_URL", service::url);
		registry.add("PAYMENT_SERVICE_URL", service::url);
		registry.add("ORCHESTRATOR_URL", FakeService::unreachableUrl);
		registry.add("INVENTORY_SERVICE_URL", hangUp::url);
	}

	@AfterAll
	static void stopServices() throws IOException {
		service.close();
		hangUp.close();
	}

	@Value("${local.server.port}")
	int port;

	WebTestClient client;

	@BeforeEach
	void setUp() {
		this.client = FakeService.gatewayClient(this.port, TestIssuer.shared().operator());
	}

	@Test
	void answersAnUnknownPathWithANotFoundProblem() {
		this.client.get()
			.uri("/api/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("about:blank")
			.jsonPath("$.title")
			.isEqualTo("Not Found")
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.detail")
			.isEqualTo("Nothing is served at this path.")
			.jsonPath("$.instance")
			.isEqualTo("/api/nothing-here");
	}

	@Test
	void answersPathsOutsideTheApiWithANotFoundProblemToo() {
		for (String path : new String[] { "/", "/orders/42", "/index.html" }) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void answersAServiceThatIsDownWithAServiceUnavailableProblem() {
		this.client.get()
			.uri("/api/sagas/42")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(503)
			.jsonPath("$.detail")
			.isEqualTo("The sagas service is unavailable.")
			.jsonPath("$.instance")
			.isEqualTo("/api/sagas/42");
	}

	@Test
	void answersAServiceThatHangsUpWithABadGatewayProblem() {
		this.client.get()
			.uri("/api/products/SKU-1")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(502);
	}

	@Test
	void answersAServiceThatIsTooSlowWithAGatewayTimeoutProblem() {
		this.client.get()
			.uri("/api/orders/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(504)
			.jsonPath("$.detail")
			.isEqualTo("The orders service did not answer in time.");
	}

	@Test
	void passesAServicesProblemThroughUnchanged() {
		byte[] body = this.client.get()
			.uri("/api/orders/42")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(new String(body)).isEqualTo(SERVICE_PROBLEM);
	}

	@Test
	void answersAWrongMethodOnAGatewayEndpointWithAMethodNotAllowedProblem() {
		this.client.post()
			.uri("/api/openapi.json")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("Allow");
	}

}
