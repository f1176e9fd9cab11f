package com.example.orderflow.payment.account;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Deposits and look-ups behind the accounts API. */
@Service
class AccountService {

	private final AccountRepository accounts;

	AccountService(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Transactional(readOnly = true)
	Account get(String customerId) {
		return this.accounts.find(customerId).orElseThrow(() -> new AccountNotFoundException(customerId));
	}

	/**
	 * Adds money, opening the account on the first deposit.
	 * @param currency required to open the account; when given for an existing account it
	 * must be the account's
	 */
	@Transactional
	Account deposit(String customerId, long amount, @Nullable String currency) {
		Account account = this.accounts.findForUpdate(customerId).orElseGet(() -> open(customerId, currency));
		if (currency != null && !currency.equals(account.currency())) {
			throw new CurrencyMismatchException(account, currency);
		}
		return this.accounts.deposit(customerId, amount)
			.orElseThrow(() -> new BalanceLimitExceededException(account, amount));
	}

	private Account open(String customerId, @Nullable String currency) {
		if (currency == null) {
			throw new CurrencyRequiredException(customerId);
		}
		// A concurrent first deposit may have opened it in between: then this one joins
		// that account, and the currency check above decides whether it fits.
		this.accounts.open(customerId, currency);
		return this.accounts.findForUpdate(customerId).orElseThrow();
	}

}
