package com.example.orderflow.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
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
 * Routes reach the owning service with {@code /api} stripped; a plain HTTP server stands
 * in for the services and records what it received.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayRoutesIntegrationTests {

	static final List<String> received = new CopyOnWriteArrayList<>();

	static final HttpServer downstream = startDownstream();

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
		String url = "http://127.0.0.1:" + downstream.getAddress().getPort();
		for (String service : List.of("ORDER_SERVICE_URL", "ORCHESTRATOR_URL", "INVENTORY_SERVICE_URL",
				"PAYMENT_SERVICE_URL")) {
			registry.add(service, () -> url);
		}
	}

	@AfterAll
	static void stopDownstream() {
		downstream.stop(0);
	}

	@Value("${local.server.port}")
	int port;

	@BeforeEach
	void forgetEarlierRequests() {
		received.clear();
	}

	@Test
	void routesEachPublicPathToItsServiceWithoutTheApiPrefix() {
		WebTestClient client = FakeService.gatewayClient(this.port, TestIssuer.shared().operator());
		for (String path : List.of("/api/orders", "/api/orders/42", "/api/sagas/42", "/api/sagas?state=PARKED",
				"/api/products/SKU-1", "/api/accounts/alice", "/api/payments?orderId=42")) {
			client.get().uri(path).exchange().expectStatus().isOk();
		}
		assertThat(received).containsExactly("GET /orders", "GET /orders/42", "GET /sagas/42",
				"GET /sagas?state=PARKED", "GET /products/SKU-1", "GET /accounts/alice", "GET /payments?orderId=42");
	}

	@Test
	void givesTheClientThePublicPathInALocationNeverTheServicesAddress() {
		WebTestClient client = FakeService.gatewayClient(this.port, TestIssuer.shared().operator());
		for (String[] answer : new String[][] { { "{self}/products/NEW", "/api/products/NEW" },
				{ "/orders/42", "/api/orders/42" }, { "{self}/sagas/42?view=full", "/api/sagas/42?view=full" },
				{ "https://elsewhere.example/x", "https://elsewhere.example/x" } }) {
			client.put()
				.uri("/api/products/NEW")
				.header("X-Test-Location", answer[0])
				.exchange()
				.expectHeader()
				.valueEquals("Location", answer[1]);
		}
	}

	@Test
	void answersUnknownPathsWithNotFound() {
		FakeService.gatewayClient(this.port, TestIssuer.shared().operator())
			.get()
			.uri("/api/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private static HttpServer startDownstream() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				String query = exchange.getRequestURI().getRawQuery();
				received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
						+ ((query != null) ? "?" + query : ""));
				byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				String location = exchange.getRequestHeaders().getFirst("X-Test-Location");
				if (location != null) {
					exchange.getResponseHeaders()
						.add("Location",
								location.replace("{self}", "http://127.0.0.1:" + server.getAddress().getPort()));
				}
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
