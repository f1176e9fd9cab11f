package com.example.orderflow.payment.payment;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * @param amount minor units of {@code currency}
 */
record PaymentResponse(UUID orderId, String customerId, long amount, String currency, PaymentStatus status,
		@Nullable DeclineReason declineReason, Instant createdAt, Instant updatedAt) {

	static PaymentResponse of(Payment payment) {
		return new PaymentResponse(payment.orderId(), payment.customerId(), payment.amount().amount(),
				payment.amount().currency(), payment.status(), payment.declineReason(), payment.createdAt(),
				payment.updatedAt());
	}

}
