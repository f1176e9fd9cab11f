package com.example.orderflow.order.orders;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The orders one transaction has locked (or found missing) and the verdicts it has
 * decided: {@link OrderRepository} stores the verdicts with one statement per table just
 * before the transaction commits. An order looked up again in the same transaction (a
 * command re-sent while the first was still in the batch) is answered from here, with the
 * verdict already decided.
 */
final class OrdersInTransaction {

	/** An empty value: looked up, and no such order exists. */
	private final Map<UUID, Optional<Order>> lookedUp = new HashMap<>();

	private final Map<UUID, Order> decided = new LinkedHashMap<>();

	boolean isLookedUp(UUID orderId) {
		return this.lookedUp.containsKey(orderId);
	}

	Optional<Order> order(UUID orderId) {
		return this.lookedUp.getOrDefault(orderId, Optional.empty());
	}

	void lookedUp(UUID orderId, Optional<Order> order) {
		this.lookedUp.put(orderId, order);
	}

	/**
	 * @throws IllegalStateException unless the order was looked up in this transaction
	 * and is still pending in it
	 */
	void decided(Order order) {
		boolean pending = order(order.id()).map(Order::isPending).orElse(false);
		if (!pending) {
			throw new IllegalStateException("Order " + order.id() + " is no longer pending");
		}
		this.lookedUp.put(order.id(), Optional.of(order));
		this.decided.put(order.id(), order);
	}

	Collection<Order> decided() {
		return this.decided.values();
	}

}
