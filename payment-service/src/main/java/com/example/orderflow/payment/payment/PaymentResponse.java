package com.example.orderflow.payment.payment;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * @param amount minor units of {@code currency}
 * @param failureReason why the last call to the payment provider failed, while it is the
 * reason the payment waits
 */
record PaymentResponse(UUID orderId, String customerId, long amount, String currency, PaymentStatus status,
		@Nullable DeclineReason declineReason, @Nullable String failureReason, Instant createdAt, Instant updatedAt) {

	static PaymentResponse of(Payment payment) {
		return new PaymentResponse(payment.orderId(), payment.customerId(), payment.amount().amount(),
				payment.amount().currency(), payment.status(), payment.declineReason(), payment.failureReason(),
				payment.createdAt(), payment.updatedAt());
	}

}
