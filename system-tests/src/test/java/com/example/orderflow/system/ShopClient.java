package com.example.orderflow.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.example.orderflow.servicesecurity.test.TestIssuer;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.awaitility.Awaitility.await;

/**
 * The services' REST APIs as a customer, an operator and an auditor use them, every
 * request with the bearer token it was made with.
 */
final class ShopClient {

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	/** Payment statuses that keep money from the customer's balance. */
	private static final Set<String> HOLDING = Set.of("CAPTURING", "CHARGED", "CAPTURE_FAILED", "REFUNDING",
			"REFUND_FAILED");

	private final RestClient orders;

	private final RestClient inventory;

	private final RestClient payments;

	private final RestClient orchestrator;

	private ShopClient(String orders, String inventory, String payments, String orchestrator, Supplier<String> token) {
		this.orders = client(orders, token);
		this.inventory = client(inventory, token);
		this.payments = client(payments, token);
		this.orchestrator = client(orchestrator, token);
	}

	/**
	 * Straight to each service, as an operator with a token of the test issuer the
	 * services trust.
	 */
	static ShopClient direct(RunningSystem system) {
		return new ShopClient(system.orders.baseUrl(), system.inventory.baseUrl(), system.payments.baseUrl(),
				system.orchestrator.baseUrl(), TestIssuer.shared()::operator);
	}

	/**
	 * Through the gateway's public API only, as a client with this token sees the system.
	 */
	static ShopClient throughGateway(String gatewayUrl, Supplier<String> token) {
		String api = gatewayUrl + "/api";
		return new ShopClient(api, api, api, api, token);
	}

	private static RestClient client(String baseUrl, Supplier<String> token) {
		return RestClient.builder().baseUrl(baseUrl).requestInterceptor((request, body, execution) -> {
			request.getHeaders().setBearerAuth(token.get());
			return execution.execute(request, body);
		}).build();
	}

	void putProduct(String sku, long unitPrice, int onHand) {
		this.inventory.put()
			.uri("/products/{sku}", sku)
			.body(Map.of("name", "Product " + sku, "unitPrice", unitPrice, "currency", "EUR", "onHand", onHand))
			.retrieve()
			.toBodilessEntity();
	}

	Map<String, Object> product(String sku) {
		return this.inventory.get().uri("/products/{sku}", sku).retrieve().body(OBJECT);
	}

	void deposit(String customerId, long amount) {
		this.payments.post()
			.uri("/accounts/{id}/deposits", customerId)
			.body(Map.of("amount", amount, "currency", "EUR"))
			.retrieve()
			.toBodilessEntity();
	}

	long balance(String customerId) {
		return number(this.payments.get().uri("/accounts/{id}", customerId).retrieve().body(OBJECT), "balance");
	}

	List<Map<String, Object>> payments(UUID orderId) {
		return this.payments.get().uri("/payments?orderId={id}", orderId).retrieve().body(LIST);
	}

	/** Net amount charged for the order: charges that were not refunded. */
	/**
	 * What the order's payment keeps from the customer's balance: charged, or held while
	 * the payment provider is (or was failing to be) asked.
	 */
	long netCharged(UUID orderId) {
		return payments(orderId).stream()
			.filter((payment) -> HOLDING.contains(payment.get("status")))
			.mapToLong((payment) -> number(payment, "amount"))
			.sum();
	}

	UUID placeOrder(String customerId, Map<String, Integer> items) {
		return placeOrder(customerId, items, UUID.randomUUID().toString());
	}

	UUID placeOrder(String customerId, Map<String, Integer> items, String idempotencyKey) {
		Map<String, Object> accepted = this.orders.post()
			.uri("/orders")
			.header("Idempotency-Key", idempotencyKey)
			.body(orderBody(customerId, items))
			.retrieve()
			.body(OBJECT);
		return UUID.fromString((String) accepted.get("orderId"));
	}

	static Map<String, Object> orderBody(String customerId, Map<String, Integer> items) {
		List<Map<String, Object>> lines = items.entrySet()
			.stream()
			.map((item) -> Map.<String, Object>of("sku", item.getKey(), "quantity", item.getValue()))
			.toList();
		return Map.of("customerId", customerId, "currency", "EUR", "items", lines);
	}

	long ordersOf(String customerId) {
		return number(this.orders.get().uri("/orders?customerId={id}", customerId).retrieve().body(OBJECT),
				"totalElements");
	}

	Map<String, Object> order(UUID orderId) {
		return this.orders.get().uri("/orders/{id}", orderId).retrieve().body(OBJECT);
	}

	Map<String, Object> saga(UUID orderId) {
		return this.orchestrator.get()
			.uri("/sagas/{id}", orderId)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.body(OBJECT);
	}

	List<Map<String, Object>> sagas(String state) {
		return this.orchestrator.get().uri("/sagas?state={state}", state).retrieve().body(LIST);
	}

	/** An operator's retry of a parked saga; 202 when it was resumed, 200 when not. */
	int retrySaga(UUID orderId) {
		return this.orchestrator.post()
			.uri("/sagas/{id}/retry", orderId)
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();
	}

	Map<String, Object> awaitFinished(UUID orderId, Duration timeout) {
		return await().atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.until(() -> order(orderId), (order) -> !"PENDING".equals(order.get("status")));
	}

	/** Each test makes its own products and customers, so tests never share state. */
	static String uniqueSku(String name) {
		return "SKU-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String uniqueCustomer(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static long number(Map<String, Object> json, String field) {
		Object value = json.get(field);
		return (value instanceof Number number) ? number.longValue() : 0;
	}

}
