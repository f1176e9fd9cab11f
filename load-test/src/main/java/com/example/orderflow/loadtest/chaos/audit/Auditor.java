package com.example.orderflow.loadtest.chaos.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.example.orderflow.loadtest.chaos.audit.SystemState.Line;
import com.example.orderflow.loadtest.chaos.audit.SystemState.Order;
import com.example.orderflow.loadtest.chaos.audit.SystemState.ParkedSaga;
import com.example.orderflow.loadtest.chaos.audit.SystemState.Payment;
import com.example.orderflow.loadtest.chaos.audit.SystemState.Product;
import com.example.orderflow.loadtest.chaos.audit.SystemState.Reservation;
import com.example.orderflow.loadtest.chaos.audit.SystemState.ServiceMetrics;

/**
 * The invariants that must hold after any drill, each with its figure. Pure: it sees only
 * what the drill started from and what the services said afterwards, so it is tested with
 * fabricated answers.
 */
public final class Auditor {

	private final Facts facts;

	private final SystemState state;

	private final Map<String, Order> orders = new HashMap<>();

	private final Map<String, List<Payment>> paymentsByOrder = new HashMap<>();

	private Auditor(Facts facts, SystemState state) {
		this.facts = facts;
		this.state = state;
		state.orders().forEach((order) -> this.orders.put(order.orderId(), order));
		state.payments()
			.forEach((payment) -> this.paymentsByOrder.computeIfAbsent(payment.orderId(), (id) -> new ArrayList<>())
				.add(payment));
	}

	public static Audit audit(Facts facts, SystemState state, List<DeadLetter> deadLetters) {
		Auditor auditor = new Auditor(facts, state);
		return new Audit(List.of(auditor.acceptedOrdersExist(), auditor.everyOrderEndedOrIsParked(),
				auditor.approvedMeansOneChargeAndStockTaken(), auditor.rejectedMeansNoChargeAndStockBack(),
				auditor.noOrderChargedTwice(), auditor.moneyConserved(), auditor.stockConserved(),
				auditor.outboxDrained(), auditor.deadLettersAccountedFor(deadLetters)));
	}

	private Check acceptedOrdersExist() {
		List<String> details = new ArrayList<>();
		for (String orderId : this.facts.accepted()) {
			if (!this.orders.containsKey(orderId)) {
				details.add("order " + orderId + " was accepted (202) but order-service does not know it");
			}
		}
		long unanswered = this.orders.keySet().stream().filter((id) -> !this.facts.accepted().contains(id)).count();
		return new Check("accepted orders exist", details.isEmpty(),
				"%d accepted by the gateway, %d of them lost; %d more placed without a 202 reaching the client (audited too)"
					.formatted(this.facts.accepted().size(), details.size(), unanswered),
				details);
	}

	private Check everyOrderEndedOrIsParked() {
		List<String> details = new ArrayList<>();
		Map<String, Integer> rejectedFor = new TreeMap<>();
		int approved = 0;
		int rejected = 0;
		int parked = 0;
		int stuck = 0;
		for (Order order : this.state.orders()) {
			ParkedSaga saga = this.state.parked().get(order.orderId());
			switch (order.status()) {
				case "APPROVED" -> approved++;
				case "REJECTED" -> {
					rejected++;
					rejectedFor.merge(String.valueOf(order.reason()), 1, Integer::sum);
				}
				default -> {
					if (saga != null) {
						parked++;
						details.add("order %s parked in %s: %s".formatted(order.orderId(), saga.parkedIn(),
								saga.parkedReason()));
					}
					else {
						stuck++;
						details.add(0, "order %s still %s and its saga is not parked".formatted(order.orderId(),
								order.status()));
					}
				}
			}
		}
		return new Check("every order ended or is visibly parked", stuck == 0,
				"%d orders: %d APPROVED, %d REJECTED%s, %d parked, %d stuck".formatted(this.state.orders().size(),
						approved, rejected, rejectedFor.isEmpty() ? "" : " " + rejectedFor, parked, stuck),
				details);
	}

	private Check approvedMeansOneChargeAndStockTaken() {
		List<String> details = new ArrayList<>();
		int approved = 0;
		for (Order order : this.state.orders()) {
			if (!"APPROVED".equals(order.status())) {
				continue;
			}
			approved++;
			List<Payment> payments = this.paymentsByOrder.getOrDefault(order.orderId(), List.of());
			if (payments.size() != 1) {
				details.add("order %s APPROVED with %d payments".formatted(order.orderId(), payments.size()));
			}
			else if (!"CHARGED".equals(payments.getFirst().status()) || order.total() == null
					|| payments.getFirst().amount() != order.total()) {
				details.add("order %s APPROVED for %s but its payment is %s of %d".formatted(order.orderId(),
						order.total(), payments.getFirst().status(), payments.getFirst().amount()));
			}
			Reservation reservation = this.state.reservations().get(order.orderId());
			if (reservation == null || !"CONFIRMED".equals(reservation.status())) {
				details.add("order %s APPROVED but its reservation is %s".formatted(order.orderId(),
						(reservation != null) ? reservation.status() : "missing"));
			}
			else if (!quantities(reservation.lines()).equals(quantities(order.lines()))) {
				details.add("order %s APPROVED for %s but inventory confirmed %s".formatted(order.orderId(),
						quantities(order.lines()), quantities(reservation.lines())));
			}
		}
		// and the other way round: money or stock taken for good belongs to an approved
		// order (or one an operator still has to look at)
		for (Payment payment : this.state.payments()) {
			if ("CHARGED".equals(payment.status()) && !approvedOrParked(payment.orderId())) {
				details.add("payment of order %s is CHARGED but the order is %s".formatted(payment.orderId(),
						statusOf(payment.orderId())));
			}
		}
		this.state.reservations().forEach((orderId, reservation) -> {
			if ("CONFIRMED".equals(reservation.status()) && !approvedOrParked(orderId)) {
				details.add("reservation of order %s is CONFIRMED but the order is %s".formatted(orderId,
						statusOf(orderId)));
			}
		});
		return new Check("APPROVED ⇔ one charge of its total and its stock taken", details.isEmpty(),
				"%d approved orders, %d violations".formatted(approved, details.size()), details);
	}

	private Check rejectedMeansNoChargeAndStockBack() {
		List<String> details = new ArrayList<>();
		int rejected = 0;
		for (Order order : this.state.orders()) {
			if (!"REJECTED".equals(order.status())) {
				continue;
			}
			rejected++;
			long held = netCharge(order.orderId());
			if (held != 0) {
				details.add("order %s REJECTED (%s) but %d of the customer's money is held or charged"
					.formatted(order.orderId(), order.reason(), held));
			}
			Reservation reservation = this.state.reservations().get(order.orderId());
			if (reservation != null && Set.of("RESERVED", "CONFIRMED").contains(reservation.status())) {
				details.add("order %s REJECTED (%s) but its stock is %s".formatted(order.orderId(), order.reason(),
						reservation.status()));
			}
		}
		return new Check("REJECTED ⇔ no net charge and its stock back", details.isEmpty(),
				"%d rejected orders, %d violations".formatted(rejected, details.size()), details);
	}

	/**
	 * payment-service keeps one payment per order, so a second charge can only show as
	 * money gone from a balance that no payment accounts for.
	 */
	private Check noOrderChargedTwice() {
		List<String> details = new ArrayList<>();
		this.paymentsByOrder.forEach((orderId, payments) -> {
			if (payments.size() > 1) {
				details.add("order %s has %d payments".formatted(orderId, payments.size()));
			}
		});
		Map<String, Long> heldPerCustomer = heldPerCustomer();
		this.facts.deposits().forEach((customer, deposited) -> {
			Long balance = this.state.balances().get(customer);
			long held = heldPerCustomer.getOrDefault(customer, 0L);
			if (balance != null && deposited - balance > held) {
				details.add("customer %s paid %d but their payments hold only %d".formatted(customer,
						deposited - balance, held));
			}
		});
		return new Check("no order charged twice", details.isEmpty(),
				"%d payments for %d orders; %d customers, each paid no more than their payments hold"
					.formatted(this.state.payments().size(), this.paymentsByOrder.size(), this.facts.deposits().size()),
				details);
	}

	private Check moneyConserved() {
		List<String> details = new ArrayList<>();
		Map<String, Long> heldPerCustomer = heldPerCustomer();
		long deposited = 0;
		long balances = 0;
		long charged = 0;
		for (Map.Entry<String, Long> deposit : new TreeMap<>(this.facts.deposits()).entrySet()) {
			String customer = deposit.getKey();
			Long balance = this.state.balances().get(customer);
			long held = heldPerCustomer.getOrDefault(customer, 0L);
			deposited += deposit.getValue();
			balances += (balance != null) ? balance : 0;
			charged += held;
			if (balance == null) {
				details.add("customer %s has no account".formatted(customer));
			}
			else if (balance + held != deposit.getValue()) {
				details.add("customer %s: balance %d + net charges %d = %d, deposited %d".formatted(customer, balance,
						held, balance + held, deposit.getValue()));
			}
		}
		return new Check("money conserved", details.isEmpty(), "balances %d + net charges %d = %d; deposited %d"
			.formatted(balances, charged, balances + charged, deposited), details);
	}

	private Check stockConserved() {
		Map<String, Integer> approved = new HashMap<>();
		Map<String, Integer> heldForParked = new HashMap<>();
		for (Order order : this.state.orders()) {
			if ("APPROVED".equals(order.status())) {
				quantities(order.lines()).forEach((sku, quantity) -> approved.merge(sku, quantity, Integer::sum));
			}
			Reservation reservation = this.state.reservations().get(order.orderId());
			if (this.state.parked().containsKey(order.orderId()) && reservation != null
					&& "RESERVED".equals(reservation.status())) {
				quantities(reservation.lines())
					.forEach((sku, quantity) -> heldForParked.merge(sku, quantity, Integer::sum));
			}
		}
		List<String> details = new ArrayList<>();
		List<String> figures = new ArrayList<>();
		new TreeMap<>(this.facts.startingStock()).forEach((sku, start) -> {
			Product product = this.state.products().get(sku);
			if (product == null) {
				details.add("product %s is gone".formatted(sku));
				return;
			}
			int taken = approved.getOrDefault(sku, 0);
			int held = heldForParked.getOrDefault(sku, 0);
			figures.add("%s: on hand %d + approved %d = %d of %d, reserved %d".formatted(sku, product.onHand(), taken,
					product.onHand() + taken, start, product.reserved()));
			if (product.onHand() + taken != start) {
				details.add("%s: on hand %d + approved %d = %d, started with %d".formatted(sku, product.onHand(), taken,
						product.onHand() + taken, start));
			}
			if (product.reserved() != held) {
				details.add("%s: %d reserved, but parked sagas hold %d".formatted(sku, product.reserved(), held));
			}
		});
		return new Check("stock conserved", details.isEmpty(), String.join("; ", figures), details);
	}

	private Check outboxDrained() {
		boolean drained = this.state.metrics().stream().allMatch((service) -> service.outboxBacklog() == 0);
		return Check.of("outbox drained", drained && !this.state.metrics().isEmpty(),
				"outbox_backlog " + this.state.metrics()
					.stream()
					.map((service) -> service.service() + " " + number(service.outboxBacklog()))
					.collect(Collectors.joining(", ")));
	}

	/**
	 * No drill expects a dead letter: the Kafka topics list each one; a counter that went
	 * up (on a service that was not restarted, which starts it at 0) must be one of them.
	 */
	private Check deadLettersAccountedFor(List<DeadLetter> deadLetters) {
		List<String> details = new ArrayList<>();
		for (DeadLetter letter : deadLetters) {
			details.add("%s: order %s parked by %s for %s (%s)".formatted(letter.topic(), letter.orderId(),
					letter.consumerGroup(), letter.reason(), letter.exception()));
		}
		List<String> counters = new ArrayList<>();
		boolean counted = false;
		for (ServiceMetrics service : this.state.metrics()) {
			double before = this.facts.deadLettersCountedBefore().getOrDefault(service.service(), 0.0);
			counted |= service.deadLetters() > before;
			counters
				.add("%s %s (before %s)".formatted(service.service(), number(service.deadLetters()), number(before)));
		}
		return new Check("dead letters accounted for", deadLetters.isEmpty() && !counted,
				"%d records parked on .dlt topics during the drill, none expected; messaging_dead_letters_total %s"
					.formatted(deadLetters.size(), String.join(", ", counters)),
				details);
	}

	private boolean approvedOrParked(String orderId) {
		return "APPROVED".equals(statusOf(orderId)) || this.state.parked().containsKey(orderId);
	}

	private String statusOf(String orderId) {
		Order order = this.orders.get(orderId);
		return (order != null) ? order.status() : "unknown to order-service";
	}

	private long netCharge(String orderId) {
		return this.paymentsByOrder.getOrDefault(orderId, List.of())
			.stream()
			.filter(Payment::holdsFunds)
			.mapToLong(Payment::amount)
			.sum();
	}

	private Map<String, Long> heldPerCustomer() {
		Map<String, Long> held = new HashMap<>();
		this.state.payments()
			.stream()
			.filter(Payment::holdsFunds)
			.forEach((payment) -> held.merge(payment.customerId(), payment.amount(), Long::sum));
		return held;
	}

	private static Map<String, Integer> quantities(List<Line> lines) {
		Map<String, Integer> quantities = new TreeMap<>();
		lines.forEach((line) -> quantities.merge(line.sku(), line.quantity(), Integer::sum));
		return quantities;
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

	/**
	 * What the drill knows without asking the services.
	 *
	 * @param deposits what each of the drill's customers deposited, minor units
	 * @param startingStock each of the drill's products' stock before the first order
	 * @param accepted the orders the gateway accepted with 202
	 * @param deadLettersCountedBefore each service's {@code messaging_dead_letters_total}
	 * before the drill
	 */
	public record Facts(Map<String, Long> deposits, Map<String, Integer> startingStock, Set<String> accepted,
			Map<String, Double> deadLettersCountedBefore) {

		public Facts {
			deposits = Map.copyOf(deposits);
			startingStock = Map.copyOf(startingStock);
			accepted = Set.copyOf(new HashSet<>(accepted));
			deadLettersCountedBefore = Map.copyOf(deadLettersCountedBefore);
		}

	}

}
