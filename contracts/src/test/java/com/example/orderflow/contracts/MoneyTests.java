package com.example.orderflow.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTests {

	@Test
	void aCurrencyCodeIsOneIso4217KnowsNotAnyThreeCapitalLetters() {
		assertThat(Money.isCurrencyCode("EUR")).isTrue();
		assertThat(Money.isCurrencyCode("JPY")).isTrue();
		assertThat(Money.isCurrencyCode("XXX")).as("ISO's code for no currency").isTrue();
		assertThat(Money.isCurrencyCode("ZZZ")).isFalse();
		assertThat(Money.isCurrencyCode("eur")).isFalse();
		assertThat(Money.isCurrencyCode("EURO")).isFalse();
		assertThat(Money.isCurrencyCode(null)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(1, "ZZZ"));
	}

	@Test
	void pricesOrdersAndAccountsAreKeptOnlyInCurrenciesWithAMinorUnit() {
		assertThat(Money.isPaymentCurrency("EUR")).isTrue();
		assertThat(Money.isPaymentCurrency("JPY")).isTrue();
		assertThat(Money.isPaymentCurrency("CHF")).isTrue();
		for (String notPaidIn : new String[] { "XXX", "XTS", "XAU", "XDR", "ZZZ", "", "E\u0000R" }) {
			assertThat(Money.isPaymentCurrency(notPaidIn)).as(notPaidIn).isFalse();
		}
	}

	@Test
	void addsAndMultipliesExactlyOrFailsLoudly() {
		assertThat(new Money(150, "EUR").plus(new Money(50, "EUR"))).isEqualTo(new Money(200, "EUR"));
		assertThat(new Money(150, "EUR").times(3)).isEqualTo(new Money(450, "EUR"));
		assertThatArithmeticException(() -> new Money(Long.MAX_VALUE, "EUR").times(2));
		assertThatArithmeticException(() -> new Money(Long.MAX_VALUE, "EUR").plus(new Money(1, "EUR")));
	}

	private static void assertThatArithmeticException(Runnable overflow) {
		org.assertj.core.api.Assertions.assertThatExceptionOfType(ArithmeticException.class).isThrownBy(overflow::run);
	}

}
