package com.example.orderflow.contracts;

import java.util.Objects;

/**
 * A line after inventory priced it: the unit price is the one the stock was reserved at.
 */
public record PricedLine(String sku, int quantity, long unitPrice) {

	public PricedLine {
		Objects.requireNonNull(sku, "sku");
		if (quantity <= 0) {
			throw new IllegalArgumentException("quantity must be positive, was " + quantity);
		}
		if (unitPrice < 0) {
			throw new IllegalArgumentException("unitPrice must not be negative, was " + unitPrice);
		}
	}

	public long lineTotal() {
		return Math.multiplyExact(this.unitPrice, (long) this.quantity);
	}

}
