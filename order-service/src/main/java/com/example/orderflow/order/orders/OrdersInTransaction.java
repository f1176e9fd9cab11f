package com.example.orderflow.order.orders;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.example.orderflow.messaging.LockedRows;

/**
 * The orders one transaction has locked (or found missing) and the verdicts it has
 * decided: {@link OrderRepository} stores the verdicts with one statement per table just
 * before the transaction commits. An order looked up again in the same transaction (a
 * command re-sent while the first was still in the batch) is answered from here, with the
 * verdict already decided.
 */
final class OrdersInTransaction {

	private final LockedRows<UUID, Order> locked = new LockedRows<>();

	private final Map<UUID, Order> decided = new LinkedHashMap<>();

	LockedRows<UUID, Order> locked() {
		return this.locked;
	}

	/**
	 * @throws IllegalStateException unless the order was looked up in this transaction
	 * and is still pending in it
	 */
	void decided(Order order) {
		boolean pending = this.locked.get(order.id()).map(Order::isPending).orElse(false);
		if (!pending) {
			throw new IllegalStateException("Order " + order.id() + " is no longer pending");
		}
		this.locked.put(order.id(), order);
		this.decided.put(order.id(), order);
	}

	Collection<Order> decided() {
		return this.decided.values();
	}

}
