package com.example.orderflow.loadtest.chaos.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the services say about one drill's customers, products and orders, as read from
 * their REST APIs after the system settled. Only the fields the auditor needs; the API
 * answers carry more.
 *
 * @param balances customer id to balance, minor units
 * @param reservations order id to inventory's reservation; absent when inventory never
 * heard of the order
 * @param parked the sagas waiting for an operator, by order id
 */
public record SystemState(List<Order> orders, List<Payment> payments, Map<String, Long> balances,
		Map<String, Reservation> reservations, Map<String, Product> products, Map<String, ParkedSaga> parked,
		List<ServiceMetrics> metrics) {

	public SystemState {
		orders = List.copyOf(orders);
		payments = List.copyOf(payments);
		balances = Map.copyOf(balances);
		reservations = Map.copyOf(reservations);
		products = Map.copyOf(products);
		parked = Map.copyOf(parked);
		metrics = List.copyOf(metrics);
	}

	/**
	 * @param total minor units, null until inventory priced the order
	 */
	public record Order(String orderId, String customerId, String status, String reason, Long total, List<Line> lines) {

		public Order {
			lines = (lines != null) ? List.copyOf(lines) : List.of();
		}

	}

	public record Line(String sku, int quantity) {

	}

	public record Payment(String orderId, String customerId, long amount, String status) {

		/**
		 * Statuses that keep money from the customer's balance: charged, or held while
		 * the provider is (or failed to be) asked.
		 */
		private static final Set<String> HOLDING = Set.of("CAPTURING", "CHARGED", "CAPTURE_FAILED", "REFUNDING",
				"REFUND_FAILED");

		public boolean holdsFunds() {
			return HOLDING.contains(this.status);
		}

	}

	public record Reservation(String orderId, String status, List<Line> lines) {

		public Reservation {
			lines = (lines != null) ? List.copyOf(lines) : List.of();
		}

	}

	public record Product(String sku, int onHand, int reserved) {

	}

	public record ParkedSaga(String orderId, String parkedIn, String parkedReason) {

	}

	/**
	 * @param outboxBacklog rows the relay has not published; NaN before the service's
	 * first count
	 * @param deadLetters records the service parked on a dead-letter topic since it
	 * started
	 */
	public record ServiceMetrics(String service, double outboxBacklog, double deadLetters) {

	}

}
