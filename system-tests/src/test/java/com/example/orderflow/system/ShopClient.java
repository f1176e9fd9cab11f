package com.example.orderflow.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.awaitility.Awaitility.await;

/** The services' REST APIs as a customer, an operator and an auditor use them. */
final class ShopClient {

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	private final RunningSystem system;

	ShopClient(RunningSystem system) {
		this.system = system;
	}

	void putProduct(String sku, long unitPrice, int onHand) {
		client(this.system.inventory).put()
			.uri("/products/{sku}", sku)
			.body(Map.of("name", "Product " + sku, "unitPrice", unitPrice, "currency", "EUR", "onHand", onHand))
			.retrieve()
			.toBodilessEntity();
	}

	Map<String, Object> product(String sku) {
		return client(this.system.inventory).get().uri("/products/{sku}", sku).retrieve().body(OBJECT);
	}

	void deposit(String customerId, long amount) {
		client(this.system.payments).post()
			.uri("/accounts/{id}/deposits", customerId)
			.body(Map.of("amount", amount, "currency", "EUR"))
			.retrieve()
			.toBodilessEntity();
	}

	long balance(String customerId) {
		return number(client(this.system.payments).get().uri("/accounts/{id}", customerId).retrieve().body(OBJECT),
				"balance");
	}

	List<Map<String, Object>> payments(UUID orderId) {
		return client(this.system.payments).get().uri("/payments?orderId={id}", orderId).retrieve().body(LIST);
	}

	/** Net amount charged for the order: charges that were not refunded. */
	long netCharged(UUID orderId) {
		return payments(orderId).stream()
			.filter((payment) -> "CHARGED".equals(payment.get("status")))
			.mapToLong((payment) -> number(payment, "amount"))
			.sum();
	}

	UUID placeOrder(String customerId, Map<String, Integer> items) {
		List<Map<String, Object>> lines = items.entrySet()
			.stream()
			.map((item) -> Map.<String, Object>of("sku", item.getKey(), "quantity", item.getValue()))
			.toList();
		Map<String, Object> accepted = client(this.system.orders).post()
			.uri("/orders")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.body(Map.of("customerId", customerId, "currency", "EUR", "items", lines))
			.retrieve()
			.body(OBJECT);
		return UUID.fromString((String) accepted.get("orderId"));
	}

	Map<String, Object> order(UUID orderId) {
		return client(this.system.orders).get().uri("/orders/{id}", orderId).retrieve().body(OBJECT);
	}

	Map<String, Object> saga(UUID orderId) {
		return client(this.system.orchestrator).get()
			.uri("/sagas/{id}", orderId)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.body(OBJECT);
	}

	Map<String, Object> awaitFinished(UUID orderId, Duration timeout) {
		return await().atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.until(() -> order(orderId), (order) -> !"PENDING".equals(order.get("status")));
	}

	static long number(Map<String, Object> json, String field) {
		Object value = json.get(field);
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	private static RestClient client(ServiceProcess service) {
		return RestClient.create(service.baseUrl());
	}

}
