package com.example.orderflow.payment.account;

/** An account holds one currency; we do not convert. */
public class CurrencyMismatchException extends RuntimeException {

	CurrencyMismatchException(Account account, String currency) {
		super("Account " + account.customerId() + " holds " + account.currency() + ", not " + currency);
	}

}
