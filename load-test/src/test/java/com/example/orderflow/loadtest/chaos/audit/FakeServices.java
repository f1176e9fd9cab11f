package com.example.orderflow.loadtest.chaos.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.example.orderflow.loadtest.chaos.audit.StateReader.Endpoints;

/**
 * The four services' REST APIs, answering with bodies shaped exactly as theirs (fields
 * the auditor does not read included), from state a test sets up.
 */
final class FakeServices implements Api {

	static final Endpoints ENDPOINTS = new Endpoints("http://order", "http://inventory", "http://payment",
			"http://orchestrator");

	/** The largest page the order API serves, so a test can make a customer need two. */
	private final int pageSize;

	private final Map<String, String> orders = new LinkedHashMap<>();

	private final Map<String, String> orderCustomers = new LinkedHashMap<>();

	private final Map<String, String> orderStatuses = new LinkedHashMap<>();

	private final Map<String, String> payments = new LinkedHashMap<>();

	private final Map<String, String> paymentCustomers = new LinkedHashMap<>();

	private final Map<String, String> accounts = new LinkedHashMap<>();

	private final Map<String, String> products = new LinkedHashMap<>();

	private final Map<String, String> reservations = new LinkedHashMap<>();

	private final List<String> parked = new ArrayList<>();

	private final Map<String, String> metrics = new LinkedHashMap<>();

	private final List<String> asked = new ArrayList<>();

	FakeServices(int pageSize) {
		this.pageSize = pageSize;
		for (String service : StateReader.SERVICES) {
			metrics(service, 0, 0);
		}
	}

	FakeServices account(String customer, long balance) {
		this.accounts.put(customer, """
				{"customerId":"%s","currency":"EUR","balance":%d}""".formatted(customer, balance));
		return this;
	}

	FakeServices product(String sku, int onHand, int reserved) {
		this.products.put(sku,
				"""
						{"sku":"%s","name":"Product","unitPrice":1500,"currency":"EUR","onHand":%d,"reserved":%d,"available":%d}"""
					.formatted(sku, onHand, reserved, onHand - reserved));
		return this;
	}

	FakeServices order(String orderId, String customer, String status, String reason, Long total, String sku,
			int quantity) {
		this.orders.put(orderId,
				"""
						{"orderId":"%s","customerId":"%s","status":"%s","reason":%s,"currency":"EUR","total":%s,
						 "lines":[{"sku":"%s","quantity":%d,"unitPrice":%s}],
						 "createdAt":"2026-01-01T10:00:00Z","updatedAt":"2026-01-01T10:00:01Z"}""".formatted(orderId,
						customer, status, (reason != null) ? "\"" + reason + "\"" : "null", total, sku, quantity,
						(total != null) ? total / quantity : null));
		this.orderCustomers.put(orderId, customer);
		this.orderStatuses.put(orderId, status);
		return this;
	}

	FakeServices payment(String orderId, String customer, long amount, String status) {
		this.payments.put(orderId + "/" + this.payments.size(), """
				{"orderId":"%s","customerId":"%s","amount":%d,"currency":"EUR","status":"%s","declineReason":null,
				 "failureReason":null,"createdAt":"2026-01-01T10:00:00Z","updatedAt":"2026-01-01T10:00:01Z"}"""
			.formatted(orderId, customer, amount, status));
		this.paymentCustomers.put(orderId + "/" + (this.payments.size() - 1), customer);
		return this;
	}

	FakeServices reservation(String orderId, String status, String sku, int quantity) {
		this.reservations.put(orderId, """
				{"orderId":"%s","status":"%s","reason":null,"lines":[{"sku":"%s","quantity":%d,"unitPrice":1500}],
				 "total":%d,"currency":"EUR"}""".formatted(orderId, status, sku, quantity, 1500 * quantity));
		return this;
	}

	FakeServices parked(String orderId, String parkedIn, String reason) {
		this.parked.add("""
				{"sagaId":"s-%s","orderId":"%s","status":"PARKED","state":"PARKED","currentStep":null,
				 "parkedIn":"%s","parkedReason":"%s","history":[]}""".formatted(orderId, orderId, parkedIn, reason));
		return this;
	}

	FakeServices metrics(String service, double outboxBacklog, double deadLetters) {
		StringBuilder text = new StringBuilder("""
				# HELP outbox_backlog Unpublished outbox rows
				# TYPE outbox_backlog gauge
				outbox_backlog{application="%s"} %s
				jvm_threads_live_threads 42.0
				""".formatted(service, outboxBacklog));
		if (deadLetters > 0) {
			text.append("messaging_dead_letters_total{reason=\"permanent\",topic=\"x.dlt\"} ")
				.append(deadLetters)
				.append('\n');
		}
		this.metrics.put(service, text.toString());
		return this;
	}

	/** Every URL asked for, in order. */
	List<String> asked() {
		return this.asked;
	}

	@Override
	public String get(String url) {
		this.asked.add(url);
		String path = url.replaceFirst("^http://[a-z]+", "");
		Map<String, String> query = query(path);
		String resource = path.replaceFirst("\\?.*", "");
		if (resource.equals("/orders")) {
			return orderPage(query);
		}
		if (resource.equals("/payments")) {
			return this.payments.entrySet()
				.stream()
				.filter((entry) -> this.paymentCustomers.get(entry.getKey()).equals(query.get("customerId")))
				.map(Map.Entry::getValue)
				.collect(Collectors.joining(",", "[", "]"));
		}
		if (resource.equals("/sagas")) {
			return "[" + String.join(",", this.parked) + "]";
		}
		if (resource.equals("/actuator/prometheus")) {
			return this.metrics.get(service(url));
		}
		String[] parts = resource.split("/");
		return switch (parts[1]) {
			case "accounts" -> this.accounts.get(parts[2]);
			case "products" -> this.products.get(parts[2]);
			case "reservations" -> this.reservations.get(parts[2]);
			default -> throw new IllegalStateException("GET " + url + " answered 400");
		};
	}

	private String orderPage(Map<String, String> query) {
		List<String> matching = this.orders.keySet()
			.stream()
			.filter((id) -> this.orderCustomers.get(id).equals(query.get("customerId")))
			.filter((id) -> !query.containsKey("status") || this.orderStatuses.get(id).equals(query.get("status")))
			.map(this.orders::get)
			.toList();
		int page = Integer.parseInt(query.getOrDefault("page", "0"));
		int size = Math.min(this.pageSize, Integer.parseInt(query.getOrDefault("size", "20")));
		List<String> content = matching.subList(Math.min(matching.size(), page * size),
				Math.min(matching.size(), (page + 1) * size));
		int pages = (matching.size() + size - 1) / size;
		return """
				{"content":[%s],"page":%d,"size":%d,"totalElements":%d,"totalPages":%d}"""
			.formatted(String.join(",", content), page, size, matching.size(), pages);
	}

	private static String service(String url) {
		return switch (url.replaceFirst("^http://([a-z]+).*", "$1")) {
			case "order" -> "order-service";
			case "inventory" -> "inventory-service";
			case "payment" -> "payment-service";
			default -> "saga-orchestrator";
		};
	}

	private static Map<String, String> query(String path) {
		Map<String, String> query = new LinkedHashMap<>();
		int start = path.indexOf('?');
		if (start >= 0) {
			for (String pair : path.substring(start + 1).split("&")) {
				String[] nameValue = pair.split("=", 2);
				query.put(nameValue[0], nameValue[1]);
			}
		}
		return query;
	}

}
