package com.example.orderflow.order.orders;

import java.util.Objects;

/**
 * A line of an order; {@code unitPrice} (minor units of the order's currency) is null
 * until inventory priced it.
 */
public record OrderLine(int lineNo, String sku, int quantity, Long unitPrice) {

	public OrderLine {
		Objects.requireNonNull(sku, "sku");
		if (quantity <= 0) {
			throw new IllegalArgumentException("quantity must be positive, was " + quantity);
		}
	}

	OrderLine priced(long price) {
		return new OrderLine(this.lineNo, this.sku, this.quantity, price);
	}

}
