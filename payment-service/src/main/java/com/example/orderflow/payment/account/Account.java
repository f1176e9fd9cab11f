package com.example.orderflow.payment.account;

import java.time.Instant;
import java.util.Objects;

import com.example.orderflow.contracts.Money;

/**
 * A customer's money, in the one currency the account was opened with.
 *
 * @param customerId who owns it
 * @param currency ISO 4217 code fixed when the account was opened
 * @param balance minor units, never negative
 * @param createdAt when the account was opened
 * @param updatedAt when the balance last changed
 */
public record Account(String customerId, String currency, long balance, Instant createdAt, Instant updatedAt) {

	/** Customer ids as they appear in URLs. */
	public static final String CUSTOMER_ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

	public static final String CUSTOMER_ID_MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-'";

	/**
	 * Deposits stop here (10 trillion in major units), far below {@code Long.MAX_VALUE},
	 * so refunding a charge on top of a full account can never overflow.
	 */
	static final long MAX_BALANCE = 1_000_000_000_000_000L;

	public Account {
		Objects.requireNonNull(customerId, "customerId");
		if (!Money.isCurrencyCode(currency)) {
			throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + currency);
		}
		if (balance < 0) {
			throw new IllegalArgumentException("balance must not be negative, was " + balance);
		}
	}

	public Money money() {
		return new Money(this.balance, this.currency);
	}

}
