package com.example.orderflow.contracts;

import java.util.Objects;

/** A line as the customer asked for it: what and how many, not yet priced. */
public record OrderItem(String sku, int quantity) {

	/**
	 * What a sku may be, wherever one comes in (inventory's catalogue, an order): one to
	 * 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.
	 */
	public static final String SKU_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

	/** The most units of one sku an order may ask for. */
	public static final int MAX_QUANTITY = 10_000;

	/** The most lines an order may have. */
	public static final int MAX_LINES = 100;

	/** What a client is told when a sku breaks {@link #SKU_PATTERN}. */
	public static final String SKU_RULE = "must be 1 to 64 letters, digits, dots, dashes or underscores, "
			+ "starting with a letter or digit";

	public OrderItem {
		Objects.requireNonNull(sku, "sku");
		if (sku.isBlank()) {
			throw new IllegalArgumentException("sku must not be blank");
		}
		if (quantity <= 0 || quantity > MAX_QUANTITY) {
			throw new IllegalArgumentException("quantity must be 1 to " + MAX_QUANTITY + ", was " + quantity);
		}
	}

}
