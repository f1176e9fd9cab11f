package com.example.orderflow.payment.payment;

/**
 * The word travels in {@code PaymentDeclined.reason}; the orchestrator reads it as text.
 */
enum DeclineReason {

	INSUFFICIENT_FUNDS, NO_ACCOUNT, CURRENCY_MISMATCH,

	/** The payment provider refused the capture (a 4xx): asking again cannot help. */
	PROVIDER_REFUSED,

	/** Only ever a reply: a cancelled payment stores no reason. */
	CANCELLED

}
