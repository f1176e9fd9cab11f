package com.example.orderflow.payment.payment;

/**
 * Where a payment stands. While the money is held ({@link #holdsFunds()}) it has left the
 * customer's balance but is neither charged for good nor given back.
 */
enum PaymentStatus {

	/** The amount is held; the provider capture is due or in flight. */
	CAPTURING(true),

	/** The provider captured the amount. */
	CHARGED(true),

	/**
	 * The provider could not be reached in time; the amount stays held until the saga
	 * re-sends the charge (capture again, same idempotency key) or compensates.
	 */
	CAPTURE_FAILED(true),

	/** Nothing was taken; the payment keeps the reason. */
	DECLINED(false),

	/** The amount is still held; the provider refund is due or in flight. */
	REFUNDING(true),

	/** The provider refund failed; the saga re-sends it, or an operator does. */
	REFUND_FAILED(true),

	/** The amount went back to the customer. */
	REFUNDED(false),

	/**
	 * A refund arrived before any charge: this tombstone makes the late charge decline
	 * instead of taking money from an order the saga has given up on.
	 */
	CANCELLED(false);

	private final boolean holdsFunds;

	PaymentStatus(boolean holdsFunds) {
		this.holdsFunds = holdsFunds;
	}

	boolean holdsFunds() {
		return this.holdsFunds;
	}

}
