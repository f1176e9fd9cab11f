package com.example.orderflow.order.orders;

import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.example.orderflow.contracts.OrderItem;

/**
 * An order checked and about to be inserted, as {@link OrderRepository#insertAllIfNew}
 * writes it.
 *
 * @param requestHash the request's {@link PlaceOrder#fingerprint()}
 * @param placedBy the token's principal placing the order
 */
record NewOrder(UUID id, UUID sagaId, String idempotencyKey, String requestHash, PlaceOrder request, String placedBy) {

	String customerId() {
		return this.request.customerId();
	}

	String currency() {
		return this.request.currency();
	}

	/** Numbered from 1 in the order the customer listed them. */
	Stream<NewLine> lines() {
		return IntStream.range(0, this.request.items().size()).mapToObj((i) -> {
			OrderItem item = this.request.items().get(i);
			return new NewLine(this.id, i + 1, item.sku(), item.quantity());
		});
	}

	record NewLine(UUID orderId, int lineNo, String sku, int quantity) {
	}

}
