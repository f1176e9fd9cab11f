package com.example.orderflow.payment.account;

/**
 * @param balance minor units of {@code currency}
 */
record AccountResponse(String customerId, String currency, long balance) {

	static AccountResponse of(Account account) {
		return new AccountResponse(account.customerId(), account.currency(), account.balance());
	}

}
