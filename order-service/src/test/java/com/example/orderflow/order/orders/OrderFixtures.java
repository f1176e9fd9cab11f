package com.example.orderflow.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.OrderCommand.ApproveOrder;
import com.example.orderflow.contracts.OrderCommand.RejectOrder;
import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;

/** Orders and saga commands for tests; fresh ids, customers and skus on every call. */
final class OrderFixtures {

	static final long FIRST_UNIT_PRICE = 4_500;

	static final long SECOND_UNIT_PRICE = 1_250;

	private OrderFixtures() {
	}

	static PlaceOrder placeOrder() {
		return new PlaceOrder("customer-" + UUID.randomUUID(), "EUR",
				List.of(new OrderItem(newSku(), 2), new OrderItem(newSku(), 3)));
	}

	static Order pendingOrder() {
		Instant placedAt = Instant.parse("2026-01-15T10:00:00Z");
		return new Order(UUID.randomUUID(), UUID.randomUUID(), "customer-" + UUID.randomUUID(), "EUR",
				OrderStatus.PENDING, null, null,
				List.of(new OrderLine(1, newSku(), 2, null), new OrderLine(2, newSku(), 3, null)), placedAt, placedAt,
				"orderflow-tools");
	}

	/**
	 * Prices the first line at {@link #FIRST_UNIT_PRICE}, the second at
	 * {@link #SECOND_UNIT_PRICE}.
	 */
	static List<PricedLine> pricedLines(Order order) {
		OrderLine first = order.lines().get(0);
		OrderLine second = order.lines().get(1);
		return List.of(new PricedLine(first.sku(), first.quantity(), FIRST_UNIT_PRICE),
				new PricedLine(second.sku(), second.quantity(), SECOND_UNIT_PRICE));
	}

	static Money totalOf(Order order) {
		long amount = pricedLines(order).stream().mapToLong(PricedLine::lineTotal).sum();
		return new Money(amount, order.currency());
	}

	static ApproveOrder approveOrder(Order order) {
		return new ApproveOrder(UUID.randomUUID(), order.sagaId(), order.id(), Instant.now(), pricedLines(order),
				totalOf(order));
	}

	static RejectOrder rejectOrder(Order order, RejectionReason reason) {
		return new RejectOrder(UUID.randomUUID(), order.sagaId(), order.id(), Instant.now(), reason, List.of(), null);
	}

	static RejectOrder rejectPricedOrder(Order order, RejectionReason reason) {
		return new RejectOrder(UUID.randomUUID(), order.sagaId(), order.id(), Instant.now(), reason, pricedLines(order),
				totalOf(order));
	}

	/**
	 * The same command again, as the orchestrator re-sends it after a missed deadline.
	 */
	static ApproveOrder resent(ApproveOrder command) {
		return new ApproveOrder(UUID.randomUUID(), command.sagaId(), command.orderId(), Instant.now(), command.lines(),
				command.total());
	}

	static RejectOrder resent(RejectOrder command, RejectionReason reason) {
		return new RejectOrder(UUID.randomUUID(), command.sagaId(), command.orderId(), Instant.now(), reason,
				command.lines(), command.total());
	}

	static String newSku() {
		return "SKU-" + UUID.randomUUID();
	}

}
