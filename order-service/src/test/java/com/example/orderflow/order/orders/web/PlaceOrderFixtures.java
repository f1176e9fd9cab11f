package com.example.orderflow.order.orders.web;

import java.util.UUID;

import com.example.orderflow.servicesecurity.test.TestIssuer;
import com.jayway.jsonpath.JsonPath;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

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

	/**
	 * The token of the customer a body names, as customers place their own orders; an
	 * operator's for a body without a readable one (malformed on purpose).
	 */
	static RequestPostProcessor asPlacer(String body) {
		TestIssuer issuer = TestIssuer.shared();
		String token;
		try {
			Object customerId = JsonPath.read(body, "$.customerId");
			token = (customerId instanceof String customer) ? issuer.customer(customer) : issuer.operator();
		}
		catch (RuntimeException unreadable) {
			token = issuer.operator();
		}
		String bearer = "Bearer " + token;
		return (request) -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, bearer);
			return request;
		};
	}

}
