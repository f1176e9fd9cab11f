package com.example.orderflow.payment.account;

/** The first deposit opens the account and so decides its currency. */
public class CurrencyRequiredException extends RuntimeException {

	CurrencyRequiredException(String customerId) {
		super("Customer " + customerId + " has no account yet: the first deposit must name its currency");
	}

	/** The request field at fault. */
	public String field() {
		return "currency";
	}

	/** What is wrong with the field, phrased to follow its name. */
	public String reason() {
		return "is required when the deposit opens the account";
	}

}
