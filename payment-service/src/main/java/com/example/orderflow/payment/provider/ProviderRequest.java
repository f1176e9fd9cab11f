package com.example.orderflow.payment.provider;

import java.util.Objects;
import java.util.UUID;

import com.example.orderflow.contracts.Money;

/**
 * One capture or refund for an order's payment. The idempotency key is derived from the
 * order, so every attempt at the same operation (a retry here, a re-sent saga step, a
 * restart) carries the same key and the provider applies it at most once.
 *
 * @param orderId the order the money is for
 * @param customerId whose money
 * @param amount how much
 */
public record ProviderRequest(UUID orderId, String customerId, Money amount) {

	public ProviderRequest {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(amount, "amount");
	}

	String idempotencyKey(Operation operation) {
		return operation.keyPrefix + this.orderId;
	}

	enum Operation {

		CAPTURE("charge-", "/v1/charges"), REFUND("refund-", "/v1/refunds");

		private final String keyPrefix;

		private final String path;

		Operation(String keyPrefix, String path) {
			this.keyPrefix = keyPrefix;
			this.path = path;
		}

		String path() {
			return this.path;
		}

	}

}
