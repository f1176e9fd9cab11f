package com.example.orderflow.payment.account;

import java.time.Instant;
import java.util.UUID;

/** Customers and deposit requests for the accounts API. */
final class AccountFixtures {

	private AccountFixtures() {
	}

	/** Unique per call: the database is shared by every test. */
	static String newCustomerId() {
		return "customer-" + UUID.randomUUID();
	}

	static String deposit(long amount, String currency) {
		return """
				{"amount": %d, "currency": "%s"}""".formatted(amount, currency);
	}

	static String deposit(long amount) {
		return """
				{"amount": %d}""".formatted(amount);
	}

	static Account account(String customerId, String currency, long balance) {
		Instant opened = Instant.parse("2026-01-01T10:00:00Z");
		return new Account(customerId, currency, balance, opened, opened);
	}

}
