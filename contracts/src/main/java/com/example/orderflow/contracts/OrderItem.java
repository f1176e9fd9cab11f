package com.example.orderflow.contracts;

import java.util.Objects;

/** A line as the customer asked for it: what and how many, not yet priced. */
public record OrderItem(String sku, int quantity) {

	public OrderItem {
		Objects.requireNonNull(sku, "sku");
		if (sku.isBlank()) {
			throw new IllegalArgumentException("sku must not be blank");
		}
		if (quantity <= 0) {
			throw new IllegalArgumentException("quantity must be positive, was " + quantity);
		}
	}

}
