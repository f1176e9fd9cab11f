package com.example.orderflow.payment.account;

public class AccountNotFoundException extends RuntimeException {

	AccountNotFoundException(String customerId) {
		super("No account for customer " + customerId);
	}

}
