package com.example.orderflow.contracts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount in minor units (cents) of an ISO 4217 currency. Never a floating-point
 * number, so totals add up exactly.
 */
public record Money(long amount, String currency) {

	private static final Pattern ISO_CURRENCY = Pattern.compile("[A-Z]{3}");

	public Money {
		Objects.requireNonNull(currency, "currency");
		if (!ISO_CURRENCY.matcher(currency).matches()) {
			throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + currency);
		}
		if (amount < 0) {
			throw new IllegalArgumentException("amount must not be negative, was " + amount);
		}
	}

	public static boolean isCurrencyCode(String value) {
		return value != null && ISO_CURRENCY.matcher(value).matches();
	}

	public Money plus(Money other) {
		requireSameCurrency(other);
		return new Money(Math.addExact(this.amount, other.amount), this.currency);
	}

	public Money times(int quantity) {
		return new Money(Math.multiplyExact(this.amount, quantity), this.currency);
	}

	private void requireSameCurrency(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new IllegalArgumentException("cannot add " + other.currency + " to " + this.currency);
		}
	}

}
