package com.example.orderflow.inventory.stock;

import java.util.Locale;
import java.util.UUID;

/** Request bodies for the product API. */
final class ProductFixtures {

	private ProductFixtures() {
	}

	/** Skus are unique per test, so tests sharing a database never see each other's. */
	static String uniqueSku() {
		return "SKU-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase(Locale.ROOT);
	}

	static String productJson(String name, long unitPrice, String currency, int onHand) {
		return """
				{"name": "%s", "unitPrice": %d, "currency": "%s", "onHand": %d}
				""".formatted(name, unitPrice, currency, onHand);
	}

	static String mugJson(int onHand) {
		return productJson("Saga mug", 1200, "EUR", onHand);
	}

}
