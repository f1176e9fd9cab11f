package com.example.orderflow.payment.account;

import com.example.orderflow.webproblems.CurrencyCode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * @param amount minor units to add
 * @param currency required when the deposit opens the account
 */
record DepositRequest(@NotNull @Positive @Max(Account.MAX_BALANCE) Long amount,
		@Nullable @CurrencyCode String currency) {

}
