package com.example.orderflow.contracts;

import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount in minor units (cents) of an ISO 4217 currency. Never a floating-point
 * number, so totals add up exactly.
 */
public record Money(long amount, String currency) {

	/**
	 * The highest unit price a product may have (ten billion in major units): an order of
	 * {@link OrderItem#MAX_LINES} lines of {@link OrderItem#MAX_QUANTITY} units each then
	 * totals at most 10^18, far below {@code Long.MAX_VALUE}, so no total can overflow.
	 */
	public static final long MAX_UNIT_PRICE = 1_000_000_000_000L;

	private static final Pattern ISO_CURRENCY = Pattern.compile("[A-Z]{3}");

	public Money {
		Objects.requireNonNull(currency, "currency");
		if (!isCurrencyCode(currency)) {
			throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + currency);
		}
		if (amount < 0) {
			throw new IllegalArgumentException("amount must not be negative, was " + amount);
		}
	}

	/**
	 * An ISO 4217 code as {@link Currency} knows it, including the codes that name no
	 * currency one pays in, such as {@code XXX} (no currency: an amount of nothing).
	 */
	public static boolean isCurrencyCode(String value) {
		return currencyOf(value) != null;
	}

	/**
	 * An ISO 4217 currency that prices, orders and accounts can be kept in: not
	 * {@code XXX}, {@code XTS} (testing), gold, silver or the IMF's units, which have no
	 * minor unit. Any three capital letters are not a currency.
	 */
	public static boolean isPaymentCurrency(String value) {
		Currency currency = currencyOf(value);
		return currency != null && currency.getDefaultFractionDigits() >= 0;
	}

	private static Currency currencyOf(String value) {
		if (value == null || !ISO_CURRENCY.matcher(value).matches()) {
			return null;
		}
		try {
			return Currency.getInstance(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
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
