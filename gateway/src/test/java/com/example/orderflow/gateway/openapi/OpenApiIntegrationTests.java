package com.example.orderflow.gateway.openapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.orderflow.gateway.FakeService;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order and payment services serve documents; inventory is down and the orchestrator
 * takes longer than the gateway waits for a document.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.openapi.timeout=500ms")
class OpenApiIntegrationTests {

	static final FakeService orderService = FakeService.start()
		.answer("/v3/api-docs", 200, "application/json", OpenApiFixtures.ORDER_SERVICE_DOCS);

	static final FakeService paymentService = FakeService.start()
		.answer("/v3/api-docs", 200, "application/json", OpenApiFixtures.PAYMENT_SERVICE_DOCS);

	static final FakeService slowOrchestrator = FakeService.start().answerSlowly("/v3/api-docs", Duration.ofSeconds(3));

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
		registry.add("ORDER_SERVICE_URL", orderService::url);
		registry.add("PAYMENT_SERVICE_URL", paymentService::url);
		registry.add("ORCHESTRATOR_URL", slowOrchestrator::url);
		registry.add("INVENTORY_SERVICE_URL", FakeService::unreachableUrl);
	}

	@AfterAll
	static void stopServices() {
		orderService.close();
		paymentService.close();
		slowOrchestrator.close();
	}

	@Value("${local.server.port}")
	int port;

	WebTestClient client;

	@BeforeEach
	void setUp() {
		this.client = FakeService.gatewayClient(this.port);
	}

	@Test
	void mergesTheRoutedPathsOfEveryAvailableServiceUnderApi() {
		JsonNode document = openApi();
		assertThat(document.path("info").path("title").stringValue()).isEqualTo("orderflow public API");
		assertThat(document.path("servers").get(0).path("url").stringValue()).isEqualTo("/");
		assertThat(document.path("paths").propertyNames()).containsExactly("/api/accounts/{customerId}", "/api/orders",
				"/api/orders/{orderId}", "/api/payments");
		assertThat(document.path("components").path("schemas").propertyNames()).contains("OrderView", "Account",
				"Money");
	}

	@Test
	void listsServicesThatAreDownOrTooSlowAsUnavailableWithoutWaitingForThem() {
		long started = System.nanoTime();
		JsonNode document = openApi();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		List<String> unavailable = new ArrayList<>();
		document.path("x-unavailable").values().forEach((route) -> unavailable.add(route.stringValue()));
		assertThat(unavailable).containsExactly("products", "sagas");
		assertThat(took).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void passesTheRequestIdOnToTheServices() {
		orderService.reset();
		this.client.get().uri("/api/openapi.json").header("X-Request-Id", "docs-1").exchange().expectStatus().isOk();
		assertThat(orderService.received()).singleElement()
			.satisfies((received) -> assertThat(received.header("X-Request-Id")).isEqualTo("docs-1"));
	}

	@Test
	void redirectsTheDocsPathToASwaggerUiShowingTheMergedDocument() {
		String location = this.client.get()
			.uri("/api/docs")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.returnResult(String.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		assertThat(location).contains("swagger-ui/index.html");
		this.client.get().uri(location).exchange().expectStatus().isOk();
		this.client.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.url")
			.isEqualTo("/api/openapi.json");
	}

	@Test
	void doesNotPublishADocumentOfTheGatewaysOwnEndpoints() {
		FakeService.gatewayClient(this.port, TestIssuer.shared().operator())
			.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode document = openApi();
		assertThat(document.path("paths").has("/api/openapi.json")).isFalse();
		assertThat(document.path("paths").propertyNames()).allMatch((path) -> path.startsWith("/api/"));
	}

	private JsonNode openApi() {
		byte[] body = this.client.get()
			.uri("/api/openapi.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();
		return OpenApiFixtures.json(new String(body, java.nio.charset.StandardCharsets.UTF_8));
	}

}
