package com.example.orderflow.loadtest.chaos.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.example.orderflow.loadtest.chaos.audit.SystemState.Order;
import com.example.orderflow.loadtest.chaos.audit.SystemState.ParkedSaga;
import com.example.orderflow.loadtest.chaos.audit.SystemState.Payment;
import com.example.orderflow.loadtest.chaos.audit.SystemState.Product;
import com.example.orderflow.loadtest.chaos.audit.SystemState.Reservation;
import com.example.orderflow.loadtest.chaos.audit.SystemState.ServiceMetrics;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a drill's state from each service's own port, not through the gateway: the
 * services hold the state, and a gateway breaker still open after a fault would only
 * stand in the way. Orders and payments are listed per customer, so orders the client
 * never heard about (placed, but the answer was lost) are audited too.
 */
public final class StateReader {

	/** Services with an outbox and Kafka consumers, whose metrics the audit reads. */
	public static final List<String> SERVICES = List.of("order-service", "inventory-service", "payment-service",
			"saga-orchestrator");

	/** The API's largest page. */
	private static final int PAGE = 100;

	/** Parallel reads of per-order resources: quick, without crowding a 2-core box. */
	private static final int PARALLEL_READS = 6;

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Api api;

	private final Endpoints endpoints;

	public StateReader(Api api, Endpoints endpoints) {
		this.api = api;
		this.endpoints = endpoints;
	}

	/** Everything the auditor checks, for these customers and products. */
	public SystemState read(Collection<String> customers, Collection<String> skus) {
		List<Order> orders = new ArrayList<>();
		List<Payment> payments = new ArrayList<>();
		Map<String, Long> balances = new HashMap<>();
		for (String customer : customers) {
			orders.addAll(orders(customer, null));
			payments.addAll(read(this.endpoints.payments() + "/payments?customerId=" + customer, new TypeReference<>() {
			}, List.of()));
			Account account = read(this.endpoints.payments() + "/accounts/" + customer, new TypeReference<>() {
			}, null);
			if (account != null) {
				balances.put(customer, account.balance());
			}
		}
		Map<String, Product> products = new HashMap<>();
		for (String sku : skus) {
			Product product = read(this.endpoints.inventory() + "/products/" + sku, new TypeReference<>() {
			}, null);
			if (product != null) {
				products.put(sku, product);
			}
		}
		return new SystemState(orders, payments, balances, reservations(orders), products, parked(), metrics());
	}

	/** Orders still PENDING whose saga is not parked: what settling waits for. */
	public List<String> unsettled(Collection<String> customers) {
		Map<String, ParkedSaga> parked = parked();
		List<String> pending = new ArrayList<>();
		for (String customer : customers) {
			orders(customer, "PENDING").stream()
				.map(Order::orderId)
				.filter((orderId) -> !parked.containsKey(orderId))
				.forEach(pending::add);
		}
		return pending;
	}

	public List<ServiceMetrics> metrics() {
		List<ServiceMetrics> metrics = new ArrayList<>();
		for (String service : SERVICES) {
			String text = this.api.get(this.endpoints.of(service) + "/actuator/prometheus");
			String exposition = (text != null) ? text : "";
			metrics.add(new ServiceMetrics(service, PrometheusText.sum(exposition, "outbox_backlog"),
					PrometheusText.sum(exposition, "messaging_dead_letters_total")));
		}
		return metrics;
	}

	private List<Order> orders(String customer, String status) {
		List<Order> orders = new ArrayList<>();
		int pages = 1;
		for (int page = 0; page < pages; page++) {
			OrderPage answer = read(
					this.endpoints.orders() + "/orders?customerId=" + customer
							+ ((status != null) ? "&status=" + status : "") + "&size=" + PAGE + "&page=" + page,
					new TypeReference<>() {
					}, new OrderPage(List.of(), 0));
			orders.addAll(answer.content());
			pages = answer.totalPages();
		}
		return orders;
	}

	private Map<String, Reservation> reservations(List<Order> orders) {
		Map<String, Reservation> reservations = new ConcurrentHashMap<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_READS)) {
			List<Future<?>> reads = new ArrayList<>();
			for (Order order : orders) {
				reads.add(pool.submit(() -> {
					Reservation reservation = read(this.endpoints.inventory() + "/reservations/" + order.orderId(),
							new TypeReference<>() {
							}, null);
					if (reservation != null) {
						reservations.put(order.orderId(), reservation);
					}
				}));
			}
			for (Future<?> read : reads) {
				read.get();
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("could not read the reservations", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		return reservations;
	}

	private Map<String, ParkedSaga> parked() {
		List<ParkedSaga> sagas = read(this.endpoints.orchestrator() + "/sagas?state=PARKED&limit=1000",
				new TypeReference<>() {
				}, List.of());
		Map<String, ParkedSaga> parked = new LinkedHashMap<>();
		sagas.forEach((saga) -> parked.put(saga.orderId(), saga));
		return parked;
	}

	private <T> T read(String url, TypeReference<T> type, T whenMissing) {
		String body = this.api.get(url);
		return (body != null) ? json.readValue(body, type) : whenMissing;
	}

	/** The services' own base URLs, e.g. {@code http://127.0.0.1:8081}. */
	public record Endpoints(String orders, String inventory, String payments, String orchestrator) {

		public String of(String service) {
			return switch (service) {
				case "order-service" -> this.orders;
				case "inventory-service" -> this.inventory;
				case "payment-service" -> this.payments;
				case "saga-orchestrator" -> this.orchestrator;
				default -> throw new IllegalArgumentException("no such service: " + service);
			};
		}

	}

	private record OrderPage(List<Order> content, int totalPages) {

	}

	private record Account(long balance) {

	}

}
