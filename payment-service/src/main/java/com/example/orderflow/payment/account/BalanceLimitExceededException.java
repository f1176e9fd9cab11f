package com.example.orderflow.payment.account;

public class BalanceLimitExceededException extends RuntimeException {

	BalanceLimitExceededException(Account account, long amount) {
		super("Depositing " + amount + " would take account " + account.customerId() + " past the limit of "
				+ Account.MAX_BALANCE + " " + account.currency());
	}

}
