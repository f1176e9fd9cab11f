package com.example.orderflow.order.orders.web;

import java.util.UUID;

/**
 * Request bodies and keys for {@code POST /orders}; fresh customers and skus on every
 * call.
 */
final class PlaceOrderFixtures {

	private PlaceOrderFixtures() {
	}

	static String newCustomerId() {
		return "customer-" + UUID.randomUUID();
	}

	static String newIdempotencyKey() {
		return "key-" + UUID.randomUUID();
	}

	static String newSku() {
		return "SKU-" + UUID.randomUUID();
	}

	/** Two items of fresh skus for a fresh customer, in euros. */
	static String placeOrderBody() {
		return placeOrderBody(newCustomerId());
	}

	static String placeOrderBody(String customerId) {
		return placeOrderBody(customerId, "EUR", newSku(), 2, newSku(), 1);
	}

	/**
	 * @param skuQuantityPairs sku, quantity, sku, quantity, ...
	 */
	static String placeOrderBody(String customerId, String currency, Object... skuQuantityPairs) {
		StringBuilder items = new StringBuilder();
		for (int i = 0; i < skuQuantityPairs.length; i += 2) {
			items.append((i > 0) ? "," : "")
				.append("{\"sku\":\"%s\",\"quantity\":%s}".formatted(skuQuantityPairs[i], skuQuantityPairs[i + 1]));
		}
		return """
				{"customerId":"%s","currency":"%s","items":[%s]}""".formatted(customerId, currency, items);
	}

}
