package com.example.orderflow.contracts;

/** Why an order was rejected; the order keeps it and the API shows it. */
public enum RejectionReason {

	OUT_OF_STOCK, UNKNOWN_PRODUCT, CURRENCY_MISMATCH, PAYMENT_DECLINED, TIMEOUT,

	/** The payment provider kept failing until the saga gave up on the charge. */
	PAYMENT_UNAVAILABLE

}
