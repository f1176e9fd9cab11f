package com.example.orderflow.system;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.example.orderflow.loadtest.ToolsToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's classes of hostile input that live between processes, through the gateway of
 * {@code ./stack up} and its real issuer: one customer's hostile requests are 400s, never
 * 500s, and leave the route's breaker closed for everyone else; a sku that could never
 * exist is refused before anything is looked up; a new product's Location is the public
 * path; a service reached on its own port takes no bigger body than the gateway, and
 * answers what Tomcat refuses as a problem; a request whose framing cannot be trusted is
 * the gateway's problem; and a customer sending faster than a person is answered 429 with
 * Retry-After.
 */
class HostileInputEndToEndTests {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static LocalStack stack;

	private static ToolsToken tools;

	private static String alice;

	private static String aliceToken;

	private static String sku;

	@BeforeAll
	static void startStack() {
		stack = new LocalStack().up();
		tools = stack.toolsToken();
		ShopClient operatorShop = ShopClient.throughGateway(stack.gatewayUrl(), tools);
		alice = ShopClient.uniqueCustomer("alice");
		aliceToken = stack.token("--customer", alice);
		sku = ShopClient.uniqueSku("HOSTILE");
		operatorShop.putProduct(sku, 1200, 100);
		operatorShop.deposit(alice, 1_000_000);
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void oneCustomersHostileRequestsAre400sAndLeaveTheBreakerClosedForEveryoneElse() throws Exception {
		String mallory = ShopClient.uniqueCustomer("mallory");
		String malloryToken = stack.token("--customer", mallory);
		for (int i = 0; i < 50; i++) {
			HttpResponse<String> response = postOrder(malloryToken, """
					{"customerId": "%s", "currency": "EUR", "items": [{"sku": "X\\u0000Y", "quantity": 1}]}"""
				.formatted(mallory));

			// past its allowance, the gateway refuses the rest before the service sees
			// them
			assertThat(response.statusCode()).as("request %d", i).isIn(400, 429);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		HttpResponse<String> nul = get(stack.gatewayUrl() + "/api/orders?customerId=a%00b", tools.get());
		assertThat(nul.statusCode()).isEqualTo(400);
		assertThat(nul.body()).contains("customerId");

		HttpResponse<String> breakers = get(stack.gatewayUrl() + "/actuator/circuitbreakers", tools.get());
		assertThat(json.readTree(breakers.body()).at("/circuitBreakers/orders/state").asString()).isEqualTo("CLOSED");
		ShopClient aliceShop = ShopClient.throughGateway(stack.gatewayUrl(), () -> aliceToken);
		UUID order = aliceShop.placeOrder(alice, Map.of(sku, 1));
		assertThat(aliceShop.awaitFinished(order, Duration.ofSeconds(120))).containsEntry("status", "APPROVED");
	}

	@Test
	void anOrderForASkuThatCouldNeverExistIsRefusedBeforeAnythingIsLookedUp() throws Exception {
		HttpResponse<String> response = postOrder(aliceToken, """
				{"customerId": "%s", "currency": "EUR", "items": [{"sku": "../../etc/passwd", "quantity": 1}]}"""
			.formatted(alice));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("items[0].sku");
	}

	@Test
	void aNewProductsLocationIsItsPublicPathNotTheServicesAddress() throws Exception {
		String newSku = ShopClient.uniqueSku("NEW");
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/products/" + newSku))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + tools.get())
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("""
						{"name": "Lamp", "unitPrice": 4500, "currency": "EUR", "onHand": 3}"""))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Location")).hasValue("/api/products/" + newSku);
	}

	@Test
	void aServiceOnItsOwnPortTakesNoBiggerBodyThanTheGateway() throws Exception {
		String body = """
				{"customerId": "%s", "currency": "EUR", "items": [{"sku": "%s", "quantity": 1}]}""".formatted(alice,
				sku) + " ".repeat(70 * 1024);
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create(stack.url("ORDER_PORT") + "/orders"))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + aliceToken)
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void requestsWhoseFramingCannotBeTrustedAreProblemsFromTheGatewayAndNeverReachAService() throws Exception {
		String xchunked = raw(stack.gatewayUrl(),
				"POST /api/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + aliceToken
						+ "\r\nContent-Type: application/json\r\nIdempotency-Key: " + UUID.randomUUID()
						+ "\r\nTransfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\nhello");
		assertThat(xchunked).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("content-type: application/problem+json")
			.contains("Transfer-Encoding may only be chunked");

		String manyHeaders = raw(stack.gatewayUrl(),
				"GET /api/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + aliceToken + "\r\n"
						+ headerFields(150) + "\r\n");
		assertThat(manyHeaders).startsWith("HTTP/1.1 431")
			.containsIgnoringCase("content-type: application/problem+json")
			.contains("at most 100 header fields");
	}

	@Test
	void aServiceOnItsOwnPortAnswersWhatTomcatRefusesAsAProblemNotAnHtmlPage() throws Exception {
		for (String port : new String[] { "ORDER_PORT", "INVENTORY_PORT", "PAYMENT_PORT", "ORCHESTRATOR_PORT" }) {
			String response = raw(stack.url(port),
					"GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n" + headerFields(150) + "\r\n");

			assertThat(response).as(port)
				.startsWith("HTTP/1.1 400")
				.containsIgnoringCase("content-type: application/problem+json")
				.doesNotContainIgnoringCase("<html");
		}
	}

	@Test
	void aCustomerSendingFasterThanAPersonIsAnswered429WithRetryAfter() throws Exception {
		String eager = ShopClient.uniqueCustomer("eager");
		String eagerToken = stack.token("--customer", eager);
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			responses.add(http
				.sendAsync(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/orders?customerId=" + eager))
					.timeout(Duration.ofSeconds(30))
					.header("Authorization", "Bearer " + eagerToken)
					.build(), HttpResponse.BodyHandlers.ofString()));
		}
		List<HttpResponse<String>> refused = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			HttpResponse<String> answered = response.get();
			assertThat(answered.statusCode()).isIn(200, 429);
			if (answered.statusCode() == 429) {
				refused.add(answered);
			}
		}

		assertThat(refused).isNotEmpty()
			.allSatisfy((response) -> assertThat(response.headers().firstValue("Retry-After")).isPresent());
	}

	private static HttpResponse<String> postOrder(String token, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/orders"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Writes the request byte for byte, as no HTTP client would, and reads to the end.
	 */
	private static String raw(String baseUrl, String request) throws IOException {
		URI uri = URI.create(baseUrl);
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String headerFields(int count) {
		StringBuilder fields = new StringBuilder();
		for (int i = 0; i < count; i++) {
			fields.append("X-Field-").append(i).append(": ").append(i).append("\r\n");
		}
		return fields.toString();
	}

	private static HttpResponse<String> get(String url, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
