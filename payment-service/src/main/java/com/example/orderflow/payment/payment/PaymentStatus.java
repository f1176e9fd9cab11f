package com.example.orderflow.payment.payment;

enum PaymentStatus {

	/** The amount left the customer's account. */
	CHARGED,

	/** Nothing was taken; the payment keeps the reason. */
	DECLINED,

	/** A charge that was given back. */
	REFUNDED,

	/**
	 * A refund arrived before any charge: this tombstone makes the late charge decline
	 * instead of taking money from an order the saga has given up on.
	 */
	CANCELLED

}
